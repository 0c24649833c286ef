package dev.secrets.testkit.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An error reply as AWS sends it: an HTTP status, an error code and a message. Secrets Manager
 * renders it as JSON with {@code __type} and {@code Message}; STS renders it as an XML
 * {@code ErrorResponse}.
 */
final class AwsError extends Exception {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String code;

    AwsError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    HttpTransport.Reply toJsonReply() {
        ObjectNode body = JSON.createObjectNode().put("__type", code).put("Message", getMessage());
        return new HttpTransport.Reply(status, "application/x-amz-json-1.1",
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    HttpTransport.Reply toXmlReply() {
        String type = status >= 500 ? "Receiver" : "Sender";
        String xml = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                + "  <Error>\n"
                + "    <Type>" + type + "</Type>\n"
                + "    <Code>" + Xml.escape(code) + "</Code>\n"
                + "    <Message>" + Xml.escape(getMessage()) + "</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>" + UUID.randomUUID() + "</RequestId>\n"
                + "</ErrorResponse>\n";
        return new HttpTransport.Reply(status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Escapes text for XML element content. */
    static final class Xml {

        private Xml() {
        }

        static String escape(String text) {
            StringBuilder escaped = new StringBuilder(text.length());
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '<':
                        escaped.append("&lt;");
                        break;
                    case '>':
                        escaped.append("&gt;");
                        break;
                    case '&':
                        escaped.append("&amp;");
                        break;
                    case '"':
                        escaped.append("&quot;");
                        break;
                    default:
                        escaped.append(c);
                }
            }
            return escaped.toString();
        }
    }
}
