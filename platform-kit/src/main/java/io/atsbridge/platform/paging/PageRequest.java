package io.atsbridge.platform.paging;

import io.atsbridge.platform.error.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * A validated list request: how many items, and after which position. Page tokens are opaque to
 * callers (base64url of a version tag and the last position returned), so the position encoding can
 * change without breaking clients that treat them as opaque.
 *
 * @param size  the page size, 1..max
 * @param after the position after which the page starts, or empty for the first page
 */
public record PageRequest(int size, String after) {

    private static final String VERSION = "v1:";

    /**
     * Validates a request's {@code page_size} and {@code page_token}.
     *
     * @throws DomainException INVALID_ARGUMENT (PAGE_SIZE_INVALID / PAGE_TOKEN_INVALID) when malformed
     */
    public static PageRequest of(int pageSize, String pageToken, int defaultSize, int maxSize) {
        DomainException.checkArgument(pageSize >= 0 && pageSize <= maxSize, "PAGE_SIZE_INVALID",
                "page_size: %s (expected: 0..%s; 0 means %s)", pageSize, maxSize, defaultSize);
        int size = pageSize == 0 ? defaultSize : pageSize;
        if (pageToken == null || pageToken.isEmpty()) {
            return new PageRequest(size, "");
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidArgument("PAGE_TOKEN_INVALID",
                    "page_token is not a token this service issued; pass next_page_token unchanged or leave it empty");
        }
        DomainException.checkArgument(decoded.startsWith(VERSION) && decoded.length() > VERSION.length(),
                "PAGE_TOKEN_INVALID",
                "page_token is not a token this service issued; pass next_page_token unchanged or leave it empty");
        return new PageRequest(size, decoded.substring(VERSION.length()));
    }

    /** Whether this is the first page. */
    public boolean first() {
        return after.isEmpty();
    }

    /**
     * The position as a number, for tables paged by a sequence or auto-increment id.
     *
     * @param firstPage the value to use on the first page (one below the smallest position)
     * @throws DomainException INVALID_ARGUMENT (PAGE_TOKEN_INVALID) when the token holds no number
     */
    public long afterNumber(long firstPage) {
        if (first()) {
            return firstPage;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw DomainException.invalidArgument("PAGE_TOKEN_INVALID",
                    "page_token is not a token this service issued; pass next_page_token unchanged or leave it empty");
        }
    }

    /**
     * The page out of rows fetched with a limit of {@code size() + 1}: at most {@code size()} rows,
     * and the token of the next page when the extra row shows there is one.
     *
     * @param position the position of a row, as its token should carry it
     */
    public <T> Page<T> slice(List<T> fetched, Function<? super T, String> position) {
        if (fetched.size() <= size) {
            return new Page<>(List.copyOf(fetched), "");
        }
        List<T> shown = List.copyOf(fetched.subList(0, size));
        return new Page<>(shown, tokenAfter(position.apply(shown.get(shown.size() - 1))));
    }

    /** One page of items and the token of the next page; empty on the last page. */
    public record Page<T>(List<T> items, String nextPageToken) {
    }

    /** The token for the page after the given last position. */
    public static String tokenAfter(String lastPosition) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + lastPosition).getBytes(StandardCharsets.UTF_8));
    }
}
