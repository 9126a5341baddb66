package io.atsbridge.audit.domain;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proofs built from stored subtree hashes against the RFC 6962 test vectors of the certificate-transparency reference
 * implementations, and against RFC 9162's recursive definitions at every size up to 70 and random larger ones; and
 * the verifier accepting exactly the right proofs.
 */
class MerkleProofsTest {

    private static final MerkleVectors VECTORS = MerkleVectors.load();

    @Test
    void treeHashesMatchTheVectors() {
        Frontier frontier = Frontier.EMPTY;
        Map<Subtree, byte[]> completed = new HashMap<>();
        assertThat(frontier.root()).isEqualTo(VECTORS.roots.get(0L));
        for (int i = 0; i < VECTORS.leaves.size(); i++) {
            byte[] leaf = MerkleHash.leaf(VECTORS.leaves.get(i));
            assertThat(leaf).as("leaf hash %s", i).isEqualTo(VECTORS.nodes.get(new Subtree(0, i)));
            completed.put(new Subtree(0, i), leaf);
            frontier = frontier.append(leaf, node -> completed.put(node.subtree(), node.hash()));
            assertThat(frontier.root()).as("root of size %s", i + 1).isEqualTo(VECTORS.roots.get((long) i + 1));
        }
        // Appending stored exactly the vectors' perfect subtrees, with their hashes.
        assertThat(completed.keySet()).containsExactlyInAnyOrderElementsOf(VECTORS.nodes.keySet());
        completed.forEach((subtree, hash) -> assertThat(hash).as("%s", subtree).isEqualTo(VECTORS.nodes.get(subtree)));
        for (long size = 1; size <= 8; size++) {
            assertThat(MerkleProofs.rootPlan(size).assemble(VECTORS.nodes).get(0)).isEqualTo(VECTORS.roots.get(size));
        }
    }

    @Test
    void inclusionProofsMatchTheVectorsAndVerify() {
        for (MerkleVectors.Inclusion vector : VECTORS.inclusions) {
            List<byte[]> path = MerkleProofs.inclusionPlan(vector.index(), vector.size()).assemble(VECTORS.nodes);
            assertThat(path).as("%s", vector).containsExactlyElementsOf(vector.path());
            byte[] leaf = VECTORS.nodes.get(new Subtree(0, vector.index()));
            assertThat(ProofVerifier.verifyInclusion(vector.index(), vector.size(), leaf, path,
                    VECTORS.roots.get(vector.size()))).as("%s", vector).isTrue();
        }
    }

    @Test
    void consistencyProofsMatchTheVectorsAndVerify() {
        for (MerkleVectors.Consistency vector : VECTORS.consistencies) {
            List<byte[]> proof = MerkleProofs.consistencyPlan(vector.first(), vector.second()).assemble(VECTORS.nodes);
            assertThat(proof).as("%s", vector).containsExactlyElementsOf(vector.proof());
            assertThat(ProofVerifier.verifyConsistency(vector.first(), vector.second(), VECTORS.roots.get(vector.first()),
                    VECTORS.roots.get(vector.second()), proof)).as("%s", vector).isTrue();
        }
    }

    @Test
    void inclusionProofsWithWrongIndexSizeLeafRootOrPathFail() {
        byte[] someHash = ReferenceMerkle.sha256("some".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (MerkleVectors.Inclusion vector : VECTORS.inclusions) {
            if (vector.path().isEmpty()) {
                continue;
            }
            long m = vector.index();
            long n = vector.size();
            byte[] leaf = VECTORS.nodes.get(new Subtree(0, m));
            byte[] root = VECTORS.roots.get(n);
            List<byte[]> path = vector.path();
            String at = "leaf " + m + " of " + n + ": ";
            assertThat(ProofVerifier.verifyInclusion(m - 1, n, leaf, path, root)).as(at + "index - 1").isFalse();
            assertThat(ProofVerifier.verifyInclusion(m + 1, n, leaf, path, root)).as(at + "index + 1").isFalse();
            assertThat(ProofVerifier.verifyInclusion(m ^ 2, n, leaf, path, root)).as(at + "index ^ 2").isFalse();
            assertThat(ProofVerifier.verifyInclusion(m, n * 2, leaf, path, root)).as(at + "size * 2").isFalse();
            assertThat(ProofVerifier.verifyInclusion(m, n / 2, leaf, path, root)).as(at + "size / 2").isFalse();
            assertThat(ProofVerifier.verifyInclusion(m, n, someHash, path, root)).as(at + "wrong leaf").isFalse();
            assertThat(ProofVerifier.verifyInclusion(m, n, leaf, path, someHash)).as(at + "wrong root").isFalse();
            assertThat(ProofVerifier.verifyInclusion(m, n, leaf, path, MerkleHash.emptyRoot())).as(at + "empty root").isFalse();
            assertThat(ProofVerifier.verifyInclusion(m, n, leaf, with(path, root), root)).as(at + "trailing root").isFalse();
            assertThat(ProofVerifier.verifyInclusion(m, n, leaf, path.subList(0, path.size() - 1), root))
                    .as(at + "removed element").isFalse();
            assertThat(ProofVerifier.verifyInclusion(m, n, leaf, with(List.of(someHash), path.toArray(byte[][]::new)), root))
                    .as(at + "preceding element").isFalse();
            for (int i = 0; i < path.size(); i++) {
                assertThat(ProofVerifier.verifyInclusion(m, n, leaf, flipped(path, i), root))
                        .as(at + "altered path[%s]", i).isFalse();
            }
            assertThat(ProofVerifier.verifyInclusion(m, n, leaf, with(path, new byte[0]), root))
                    .as(at + "not a hash").isFalse();
        }
    }

    @Test
    void consistencyProofsWithWrongSizesRootsOrPathFail() {
        byte[] someHash = ReferenceMerkle.sha256("some".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (MerkleVectors.Consistency vector : VECTORS.consistencies) {
            if (vector.proof().isEmpty()) {
                continue;
            }
            long m = vector.first();
            long n = vector.second();
            byte[] first = VECTORS.roots.get(m);
            byte[] second = VECTORS.roots.get(n);
            List<byte[]> proof = vector.proof();
            String at = m + " to " + n + ": ";
            assertThat(ProofVerifier.verifyConsistency(m - 1, n, first, second, proof)).as(at + "first - 1").isFalse();
            assertThat(ProofVerifier.verifyConsistency(m + 1, n, first, second, proof)).as(at + "first + 1").isFalse();
            assertThat(ProofVerifier.verifyConsistency(m ^ 2, n, first, second, proof)).as(at + "first ^ 2").isFalse();
            assertThat(ProofVerifier.verifyConsistency(m, n * 2, first, second, proof)).as(at + "second * 2").isFalse();
            assertThat(ProofVerifier.verifyConsistency(m, n / 2, first, second, proof)).as(at + "second / 2").isFalse();
            assertThat(ProofVerifier.verifyConsistency(m, n, someHash, second, proof)).as(at + "wrong first root").isFalse();
            assertThat(ProofVerifier.verifyConsistency(m, n, first, someHash, proof)).as(at + "wrong second root").isFalse();
            assertThat(ProofVerifier.verifyConsistency(m, n, second, first, proof)).as(at + "swapped roots").isFalse();
            assertThat(ProofVerifier.verifyConsistency(m, n, first, second, List.of())).as(at + "empty proof").isFalse();
            assertThat(ProofVerifier.verifyConsistency(m, n, first, second, with(proof, first))).as(at + "trailing root").isFalse();
            assertThat(ProofVerifier.verifyConsistency(m, n, first, second, proof.subList(0, proof.size() - 1)))
                    .as(at + "truncated").isFalse();
            for (int i = 0; i < proof.size(); i++) {
                assertThat(ProofVerifier.verifyConsistency(m, n, first, second, flipped(proof, i)))
                        .as(at + "altered proof[%s]", i).isFalse();
            }
        }
        // Sizes consistent without proof, and the ways that can still be wrong.
        byte[] root = VECTORS.roots.get(3L);
        assertThat(ProofVerifier.verifyConsistency(0, 3, MerkleHash.emptyRoot(), root, List.of())).isTrue();
        assertThat(ProofVerifier.verifyConsistency(3, 3, root, root, List.of())).isTrue();
        assertThat(ProofVerifier.verifyConsistency(3, 3, root, someHash, List.of())).isFalse();
        assertThat(ProofVerifier.verifyConsistency(3, 3, root, root, List.of(root))).isFalse();
        assertThat(ProofVerifier.verifyConsistency(4, 3, root, root, List.of(root))).isFalse();
    }

    /** Every proof at every size up to 70, and at random larger sizes, equals RFC 9162's recursive definition and verifies. */
    @Test
    void proofsEqualTheRecursiveDefinitionsAndVerify() {
        List<byte[]> leaves = new ArrayList<>();
        Map<Subtree, byte[]> stored = new HashMap<>();
        Frontier frontier = Frontier.EMPTY;
        Random random = new Random(9162);
        List<byte[]> roots = new ArrayList<>(List.of(frontier.root()));
        for (int i = 0; i < 600; i++) {
            byte[] leaf = ReferenceMerkle.leafHash(ByteBuffer.allocate(4).putInt(i).array());
            leaves.add(leaf);
            stored.put(new Subtree(0, i), leaf);
            frontier = frontier.append(leaf, node -> stored.put(node.subtree(), node.hash()));
            roots.add(frontier.root());
        }
        List<long[]> cases = new ArrayList<>();
        for (int n = 1; n <= 70; n++) {
            for (int m = 0; m < n; m++) {
                cases.add(new long[] {m, n});
            }
        }
        for (int i = 0; i < 400; i++) {
            int n = 1 + random.nextInt(600);
            cases.add(new long[] {random.nextInt(n), n});
        }
        for (long[] c : cases) {
            int m = (int) c[0];
            int n = (int) c[1];
            List<byte[]> sub = leaves.subList(0, n);
            List<byte[]> path = MerkleProofs.inclusionPlan(m, n).assemble(stored);
            assertThat(path).as("path %s of %s", m, n).containsExactlyElementsOf(referencePath(m, sub));
            assertThat(ProofVerifier.verifyInclusion(m, n, leaves.get(m), path, roots.get(n))).as("path %s of %s", m, n).isTrue();
            int first = m == 0 ? 1 : m;
            List<byte[]> proof = MerkleProofs.consistencyPlan(first, n).assemble(stored);
            assertThat(proof).as("consistency %s to %s", first, n)
                    .containsExactlyElementsOf(first == n ? List.of() : referenceSubproof(first, sub, true));
            assertThat(ProofVerifier.verifyConsistency(first, n, roots.get(first), roots.get(n), proof))
                    .as("consistency %s to %s", first, n).isTrue();
            if (first < n) {
                assertThat(ProofVerifier.verifyConsistency(first, n, roots.get(first), roots.get(n - 1), proof))
                        .as("consistency %s to %s with the root of %s", first, n, n - 1).isFalse();
            }
        }
    }

    @Test
    void plansRefuseImpossibleArguments() {
        assertThatThrownBy(() -> MerkleProofs.inclusionPlan(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleProofs.inclusionPlan(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleProofs.consistencyPlan(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleProofs.rootPlan(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleProofs.inclusionPlan(0, 8).assemble(Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not stored");
    }

    /** PATH(m, D[n]) of RFC 9162 section 2.1.3.1, recursively. */
    private static List<byte[]> referencePath(int m, List<byte[]> d) {
        int n = d.size();
        if (n == 1) {
            return List.of();
        }
        int k = Integer.highestOneBit(n - 1);
        List<byte[]> path = new ArrayList<>();
        if (m < k) {
            path.addAll(referencePath(m, d.subList(0, k)));
            path.add(ReferenceMerkle.root(d.subList(k, n)));
        } else {
            path.addAll(referencePath(m - k, d.subList(k, n)));
            path.add(ReferenceMerkle.root(d.subList(0, k)));
        }
        return path;
    }

    /** SUBPROOF(m, D[n], b) of RFC 9162 section 2.1.4.1, recursively. */
    private static List<byte[]> referenceSubproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        if (m == n) {
            return b ? List.of() : List.of(ReferenceMerkle.root(d));
        }
        int k = Integer.highestOneBit(n - 1);
        List<byte[]> proof = new ArrayList<>();
        if (m <= k) {
            proof.addAll(referenceSubproof(m, d.subList(0, k), b));
            proof.add(ReferenceMerkle.root(d.subList(k, n)));
        } else {
            proof.addAll(referenceSubproof(m - k, d.subList(k, n), false));
            proof.add(ReferenceMerkle.root(d.subList(0, k)));
        }
        return proof;
    }

    private static List<byte[]> with(List<byte[]> list, byte[]... more) {
        List<byte[]> copy = new ArrayList<>(list);
        copy.addAll(List.of(more));
        return copy;
    }

    private static List<byte[]> flipped(List<byte[]> list, int index) {
        List<byte[]> copy = new ArrayList<>(list);
        byte[] hash = copy.get(index).clone();
        hash[0] ^= 8;
        copy.set(index, hash);
        return copy;
    }
}
