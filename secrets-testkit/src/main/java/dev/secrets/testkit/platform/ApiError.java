package dev.secrets.testkit.platform;

import java.util.List;
import java.util.Map;

/** An error reply of the local platform: an HTTP status and a {@code {"detail": ...}} body. */
final class ApiError extends RuntimeException {

    static final String INVALID_API_KEY = "Invalid API Key";
    static final String TENANT_NOT_FOUND = "Tenant not found";
    static final String STORE_NOT_FOUND = "Secret store not found";
    static final String SECRET_NOT_FOUND = "Secret not found";
    static final String READ_ONLY = "Readonly secret store";
    static final String ALREADY_EXISTS = "Secret already exists";
    static final String INVALID_CREDENTIALS =
            "Invalid or missing secret store credentials. Please check your configuration.";

    private final int status;
    private final Object detail;

    private ApiError(int status, Object detail) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.detail = detail;
    }

    /** Returns an error whose body is {@code {"detail": "<text>"}}. */
    static ApiError of(int status, String detail) {
        return new ApiError(status, detail);
    }

    /** Returns a 422 error whose body lists validation errors as the platform formats them. */
    static ApiError validation(List<Map<String, Object>> errors) {
        return new ApiError(422, List.copyOf(errors));
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return Map.of("detail", detail);
    }
}
