package dev.secrets.testkit.aws;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An {@code AssumeRole} call that the local server accepted, with the credentials it issued.
 * Holds no secret key or session token.
 *
 * @param roleArn the {@code RoleArn} parameter
 * @param roleSessionName the {@code RoleSessionName} parameter
 * @param externalId the {@code ExternalId} parameter, if sent
 * @param durationSeconds the {@code DurationSeconds} parameter, if sent
 * @param signingAccessKeyId the access key id that signed the call: the caller's base identity
 * @param issuedAccessKeyId the access key id of the temporary credentials in the reply
 * @param expiration when the issued credentials expire, by the server's clock
 */
public record AssumeRoleCall(String roleArn, String roleSessionName, Optional<String> externalId,
        OptionalInt durationSeconds, String signingAccessKeyId, String issuedAccessKeyId, Instant expiration) {

    public AssumeRoleCall {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(roleSessionName, "roleSessionName");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(durationSeconds, "durationSeconds");
        Objects.requireNonNull(signingAccessKeyId, "signingAccessKeyId");
        Objects.requireNonNull(issuedAccessKeyId, "issuedAccessKeyId");
        Objects.requireNonNull(expiration, "expiration");
    }
}
