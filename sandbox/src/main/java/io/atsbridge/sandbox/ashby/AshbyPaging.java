package io.atsbridge.sandbox.ashby;

import io.micronaut.core.annotation.Nullable;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ashby's pagination and incremental sync (developers.ashbyhq.com docs/pagination-and-incremental-sync): opaque
 * cursors that walk a snapshot of the list taken at the pass's first page, and opaque sync tokens, handed out on
 * a pass's last page, that stand for "everything changed after this pass started". Unknown tokens are
 * {@code invalid_next_cursor} / {@code sync_token_invalid}; expired ones {@code next_cursor_expired} /
 * {@code sync_token_expired} (the codes Ashby's changelog names). Call with the simulator's lock held.
 */
final class AshbyPaging {

    /** Bounds the memory tokens take: beyond this the oldest are forgotten (and then read as invalid). */
    private static final int MAX_TOKENS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cursor> cursors = bounded();
    private final Map<String, Long> syncTokens = bounded();
    private final Map<String, Boolean> expired = bounded();

    /**
     * Where a pass stands.
     *
     * @param scope    what is listed (e.g. {@code application.list}, {@code candidate.listNotes:<id>}); a cursor
     *                 only continues the listing it came from
     * @param ids      the snapshot being walked
     * @param offset   the index of the next page's first item
     * @param syncBase the change counter when the pass started (the next sync token's value)
     */
    record Cursor(String scope, List<String> ids, int offset, long syncBase) {
    }

    /**
     * One page of a pass.
     *
     * @param nextCursor the cursor of the next page; null on the last page
     */
    record Page(List<String> ids, @Nullable String nextCursor) {
    }

    /** The page of {@code ids} starting at {@code offset}, with a cursor for the rest. */
    Page page(String scope, List<String> ids, int offset, int limit, long syncBase) {
        int end = Math.min(ids.size(), offset + limit);
        List<String> page = List.copyOf(ids.subList(Math.min(offset, ids.size()), end));
        String next = null;
        if (end < ids.size()) {
            next = token();
            cursors.put(next, new Cursor(scope, ids, end, syncBase));
        }
        return new Page(page, next);
    }

    /** The pass a cursor continues; throws {@link AshbyApiException} for unknown, expired or foreign cursors. */
    Cursor cursor(String token, String scope) {
        if (expired.containsKey(token)) {
            throw new AshbyApiException("next_cursor_expired", "cursor has expired: start the listing again without a cursor");
        }
        Cursor cursor = cursors.get(token);
        if (cursor == null || !cursor.scope().equals(scope)) {
            throw new AshbyApiException("invalid_next_cursor", "cursor " + abbreviated(token)
                    + " was not issued for this listing: pass the nextCursor of the previous page unchanged");
        }
        return cursor;
    }

    /** A new sync token standing for the change counter {@code syncBase}. */
    String issueSyncToken(long syncBase) {
        String token = token();
        syncTokens.put(token, syncBase);
        return token;
    }

    /** The change counter a sync token stands for; throws {@link AshbyApiException} when it is unknown or expired. */
    long syncBase(String token) {
        if (expired.containsKey(token)) {
            throw new AshbyApiException("sync_token_expired",
                    "syncToken has expired: discard it and run a full sync (no syncToken), then use its new syncToken");
        }
        Long base = syncTokens.get(token);
        if (base == null) {
            throw new AshbyApiException("sync_token_invalid", "syncToken " + abbreviated(token)
                    + " cannot be decoded: pass the syncToken of a previous pass's last page unchanged, or run a full sync");
        }
        return base;
    }

    /** Expires every cursor and sync token issued so far. */
    void expireAll() {
        cursors.keySet().forEach(t -> expired.put(t, Boolean.TRUE));
        syncTokens.keySet().forEach(t -> expired.put(t, Boolean.TRUE));
        cursors.clear();
        syncTokens.clear();
    }

    /** An insertion-ordered map that forgets its oldest entries beyond {@link #MAX_TOKENS}. */
    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_TOKENS;
            }
        };
    }

    private String token() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String abbreviated(String token) {
        return token.length() > 24 ? token.substring(0, 24) + "..." : token;
    }
}
