package uk.nhs.opd.pathway.command;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Takes pathway commands over HTTP, decides them in Axon aggregates, stores the events and relays them to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CommandServiceApplication {

    public static void main(String[] args) {
        // The platform makes no outbound calls: Axon's update checker must never run.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(CommandServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
