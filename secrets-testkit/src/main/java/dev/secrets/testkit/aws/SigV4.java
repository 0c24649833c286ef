package dev.secrets.testkit.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Parses and checks AWS Signature Version 4 {@code Authorization} headers, computing the
 * signature the same way AWS does: canonical request, string to sign, derived signing key.
 */
final class SigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SigV4() {
    }

    /** The parts of an {@code Authorization} header. */
    record Authorization(String accessKeyId, String date, String region, String service,
            List<String> signedHeaders, String signature) {

        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    /**
     * Parses {@code AWS4-HMAC-SHA256 Credential=.../date/region/service/aws4_request,
     * SignedHeaders=a;b, Signature=hex}.
     *
     * @throws IllegalArgumentException naming the part that is missing or malformed
     */
    static Authorization parse(String header) {
        if (!header.startsWith(ALGORITHM + " ")) {
            throw new IllegalArgumentException("Authorization header must start with " + ALGORITHM);
        }
        Map<String, String> parts = new TreeMap<>();
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
            }
        }
        String credential = require(parts, "Credential");
        String signedHeaders = require(parts, "SignedHeaders");
        String signature = require(parts, "Signature");
        String[] scope = credential.split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw new IllegalArgumentException("Credential must be of the form "
                    + "<key id>/<date>/<region>/<service>/aws4_request");
        }
        return new Authorization(scope[0], scope[1], scope[2], scope[3], List.of(signedHeaders.split(";")), signature);
    }

    /** Parses an {@code X-Amz-Date} value such as {@code 20261204T201500Z}. */
    static Instant parseAmzDate(String value) {
        try {
            return AMZ_DATE.parse(value, Instant::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("X-Amz-Date '" + value + "' is not of the form yyyyMMddTHHmmssZ", e);
        }
    }

    /** Computes the signature that {@code request} must carry when signed with {@code secretAccessKey}. */
    static String expectedSignature(HttpTransport.Request request, Authorization authorization, String amzDate,
            String secretAccessKey) {
        String canonicalRequest = canonicalRequest(request, authorization.signedHeaders());
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + authorization.scope() + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), authorization.date());
        key = hmac(key, authorization.region());
        key = hmac(key, authorization.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** Compares two signatures in constant time. */
    static boolean matches(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    private static String canonicalRequest(HttpTransport.Request request, List<String> signedHeaders) {
        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(request.path().isEmpty() ? "/" : request.path()).append('\n')
                .append(canonicalQuery(request.query())).append('\n');
        for (String name : signedHeaders) {
            String value = request.header(name);
            canonical.append(name).append(':')
                    .append(value == null ? "" : value.trim().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(String.join(";", signedHeaders)).append('\n');
        String payloadHash = request.header("x-amz-content-sha256");
        canonical.append(payloadHash != null ? payloadHash : hex(sha256(request.body())));
        return canonical.toString();
    }

    private static String canonicalQuery(String query) {
        if (query.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            pairs.add(encode(name) + "=" + encode(value));
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Percent-encodes everything except the RFC 3986 unreserved characters. */
    private static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static String require(Map<String, String> parts, String name) {
        String value = parts.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("Authorization header lacks " + name);
        }
        return value;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
