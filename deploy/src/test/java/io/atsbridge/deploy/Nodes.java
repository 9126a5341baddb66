package io.atsbridge.deploy;

import java.util.List;
import java.util.Map;

/** Reading parsed YAML (maps, lists and scalars) with failures that say where. */
final class Nodes {

    private Nodes() {
    }

    /** The node at that path of keys, or null when a key on the way is missing. */
    static Object at(Object root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    static boolean has(Object root, String... path) {
        return at(root, path) != null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError("expected a map, found " + node);
        }
        return (Map<String, Object>) node;
    }

    static Map<String, Object> map(Object root, String... path) {
        Object node = at(root, path);
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError("expected a map at " + String.join(".", path) + " of " + name(root) + ", found " + node);
        }
        return map(node);
    }

    /** The list at that path; an absent list is empty. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String... path) {
        Object node = at(root, path);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?>)) {
            throw new AssertionError("expected a list at " + String.join(".", path) + " of " + name(root) + ", found " + node);
        }
        return (List<Object>) node;
    }

    static List<Map<String, Object>> maps(Object root, String... path) {
        return list(root, path).stream().map(Nodes::map).toList();
    }

    static String string(Object root, String... path) {
        Object node = at(root, path);
        if (node == null) {
            throw new AssertionError("nothing at " + String.join(".", path) + " of " + name(root));
        }
        return String.valueOf(node);
    }

    /** "Kind/name" of an object, for messages. */
    static String name(Object object) {
        Object kind = at(object, "kind");
        Object name = at(object, "metadata", "name");
        return (kind == null ? "?" : kind) + "/" + (name == null ? "?" : name);
    }
}
