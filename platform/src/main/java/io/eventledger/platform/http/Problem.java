package io.eventledger.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 7807 problem body; {@code field} names the offending input where there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String TYPE_BASE = "https://eventledger.io/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String slug, String title, String detail, String field) {
        return new Problem(TYPE_BASE + slug, title, status, detail, field);
    }
}
