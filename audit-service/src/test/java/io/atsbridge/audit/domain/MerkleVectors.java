package io.atsbridge.audit.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The RFC 6962 test vectors in {@code merkle/rfc6962-vectors.txt} (the file names their source). */
final class MerkleVectors {

    private static final HexFormat HEX = HexFormat.of();

    final List<byte[]> leaves = new ArrayList<>();
    final Map<Long, byte[]> roots = new HashMap<>();
    final Map<Subtree, byte[]> nodes = new HashMap<>();
    final List<Inclusion> inclusions = new ArrayList<>();
    final List<Consistency> consistencies = new ArrayList<>();

    record Inclusion(long index, long size, List<byte[]> path) {
    }

    record Consistency(long first, long second, List<byte[]> proof) {
    }

    static MerkleVectors load() {
        MerkleVectors vectors = new MerkleVectors();
        try (InputStream in = MerkleVectors.class.getResourceAsStream("/merkle/rfc6962-vectors.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "leaf" -> vectors.leaves.add(bytes(f[1]));
                    case "root" -> vectors.roots.put(Long.parseLong(f[1]), HEX.parseHex(f[2]));
                    case "node" -> vectors.nodes.put(new Subtree(Integer.parseInt(f[1]), Long.parseLong(f[2])),
                            HEX.parseHex(f[3]));
                    case "inclusion" -> vectors.inclusions.add(
                            new Inclusion(Long.parseLong(f[1]), Long.parseLong(f[2]), hashes(f[3])));
                    case "consistency" -> vectors.consistencies.add(
                            new Consistency(Long.parseLong(f[1]), Long.parseLong(f[2]), hashes(f[3])));
                    default -> throw new IllegalStateException("unknown vector line: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vectors;
    }

    private static byte[] bytes(String hex) {
        return hex.equals("-") ? new byte[0] : HEX.parseHex(hex);
    }

    private static List<byte[]> hashes(String list) {
        return list.equals("-") ? List.of() : Arrays.stream(list.split(",")).map(HEX::parseHex).toList();
    }
}
