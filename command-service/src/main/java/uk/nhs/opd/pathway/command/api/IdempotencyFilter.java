package uk.nhs.opd.pathway.command.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import uk.nhs.opd.pathway.command.problem.ErrorCode;
import uk.nhs.opd.pathway.support.Problems;

/**
 * {@code Idempotency-Key} on every command. The key is claimed, the command handled and its answer stored in one
 * database transaction, the same one that stores the command's events. A retry finds the stored answer and gets it
 * back (status 200) with nothing stored again; a concurrent retry waits on the claimed key's row until the first
 * commits. A refused command stores neither events nor key, so it may be retried. A key reused for a different
 * request is refused.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;
    private static final int MAX_BODY_BYTES = 1 << 20;

    private record StoredAnswer(String requestHash, Integer status, byte[] body) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    IdempotencyFilter(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getHeader(HEADER) == null || !("POST".equals(method) || "PUT".equals(method));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            problem(response, HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED.name(),
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            problem(response, HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", "The request body is over 1 MiB");
            return;
        }
        String requestHash = hash(request.getMethod() + " " + request.getRequestURI() + "\n", body);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            transactions.executeWithoutResult(tx -> {
                int claimed = jdbc.sql("INSERT INTO idempotency_key (idempotency_key, request_hash) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .params(key, requestHash).update();
                if (claimed == 0) {
                    replay(key, requestHash, captured);
                    return;
                }
                try {
                    chain.doFilter(new CachedBodyRequest(request, body), captured);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new IllegalStateException(e);
                }
                if (captured.getStatus() >= 300) {
                    tx.setRollbackOnly();
                } else {
                    jdbc.sql("UPDATE idempotency_key SET response_status = ?, response_body = ? WHERE idempotency_key = ?")
                            .params(captured.getStatus(), captured.getContentAsByteArray(), key).update();
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        captured.copyBodyToResponse();
    }

    private void replay(String key, String requestHash, ContentCachingResponseWrapper response) {
        Optional<StoredAnswer> stored = jdbc.sql("SELECT request_hash, response_status, response_body FROM idempotency_key WHERE idempotency_key = ?")
                .param(key).query((row, n) -> new StoredAnswer(row.getString(1), (Integer) row.getObject(2), row.getBytes(3)))
                .optional();
        try {
            if (stored.isEmpty() || stored.get().status() == null) {
                problem(response, HttpStatus.CONFLICT, ErrorCode.CONCURRENT_MODIFICATION.name(),
                        "A request with this Idempotency-Key is still being handled; retry");
            } else if (!stored.get().requestHash().equals(requestHash)) {
                problem(response, HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.IDEMPOTENCY_KEY_REUSED.name(),
                        "This Idempotency-Key was used for a different request");
            } else {
                response.setStatus(HttpStatus.OK.value());
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setHeader("Idempotent-Replayed", "true");
                response.getOutputStream().write(stored.get().body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void problem(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
        Problems.write(response, Problems.problem(status, code, detail));
    }

    private static String hash(String head, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(head.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body already read, so it can be both hashed and handled. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("Synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
