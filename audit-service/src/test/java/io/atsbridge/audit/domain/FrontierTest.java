package io.atsbridge.audit.domain;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrontierTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The leaves of the RFC 6962 test data used by certificate-transparency and google/trillian. */
    private static final List<String> CT_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    /** The published roots of the trees of the first 0..8 of those leaves. */
    private static final List<String> CT_ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void incrementalRootsMatchThePublishedTestVectors() {
        Frontier frontier = Frontier.EMPTY;
        assertThat(HEX.formatHex(frontier.root())).isEqualTo(CT_ROOTS.get(0));
        for (int n = 1; n <= CT_LEAVES.size(); n++) {
            frontier = frontier.append(MerkleHash.leaf(HEX.parseHex(CT_LEAVES.get(n - 1))));
            assertThat(HEX.formatHex(frontier.root())).as("root of size %s", n).isEqualTo(CT_ROOTS.get(n));
        }
    }

    @Test
    void incrementalRootEqualsTheFromScratchTreeHashAtEverySizeUpTo70() {
        List<byte[]> leaves = new ArrayList<>();
        Frontier frontier = Frontier.EMPTY;
        for (int n = 0; n <= 70; n++) {
            assertThat(frontier.size()).isEqualTo(n);
            assertThat(frontier.root()).as("root of size %s", n).isEqualTo(ReferenceMerkle.root(leaves));
            byte[] leaf = ReferenceMerkle.leafHash(bytes(n));
            leaves.add(leaf);
            frontier = frontier.append(leaf);
        }
    }

    @Test
    void incrementalRootEqualsTheFromScratchTreeHashAtRandomSizes() {
        Random random = new Random(6962);
        for (int round = 0; round < 12; round++) {
            int size = 71 + random.nextInt(3000);
            List<byte[]> leaves = new ArrayList<>(size);
            Frontier frontier = Frontier.EMPTY;
            for (int i = 0; i < size; i++) {
                byte[] data = new byte[1 + random.nextInt(40)];
                random.nextBytes(data);
                byte[] leaf = ReferenceMerkle.leafHash(data);
                leaves.add(leaf);
                frontier = frontier.append(leaf);
            }
            assertThat(frontier.root()).as("root of size %s", size).isEqualTo(ReferenceMerkle.root(leaves));
        }
    }

    @Test
    void storedFrontierGrowsExactlyLikeTheOriginal() {
        Frontier frontier = Frontier.EMPTY;
        for (int n = 0; n <= 70; n++) {
            byte[] encoded = frontier.encode();
            assertThat(encoded).hasSize(Long.bitCount(n) * MerkleHash.LENGTH);
            Frontier restored = Frontier.decode(n, encoded);
            assertThat(restored.root()).isEqualTo(frontier.root());
            byte[] next = ReferenceMerkle.leafHash(bytes(n));
            frontier = frontier.append(next);
            assertThat(restored.append(next).root()).isEqualTo(frontier.root());
        }
    }

    @Test
    void aStoredFrontierOfTheWrongLengthIsRefused() {
        byte[] twoRoots = new byte[2 * MerkleHash.LENGTH];
        assertThatThrownBy(() -> Frontier.decode(4, twoRoots))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected: 32");
        assertThatThrownBy(() -> Frontier.decode(-1, new byte[0])).isInstanceOf(IllegalStateException.class);
        assertThat(Frontier.decode(3, twoRoots).size()).isEqualTo(3);
    }

    @Test
    void onlyWholeHashesCanBeAppended() {
        assertThatThrownBy(() -> Frontier.EMPTY.append(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }
}
