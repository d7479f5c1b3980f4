package uk.nhs.opd.pathway.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What every service has at its HTTP edge, besides its own access rules: a body size limit checked before anything
 * reads the body, and requests the security firewall rejects (odd parameter names, encoded slashes...) answered as
 * 400 problem+json instead of surfacing as server errors.
 */
@Configuration(proxyBeanMethods = false)
public class HttpEdgeConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(
            @Value("${pathway.http.max-request-bytes:65536}") long maxRequestBytes) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(maxRequestBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    RequestRejectedHandler requestRejected() {
        return (request, response, rejected) -> Problems.write(response, Problems.problem(HttpStatus.BAD_REQUEST,
                "REQUEST_REJECTED", "The request was rejected as malformed"));
    }
}
