# Cobra: multi-stage build. Stage 1 builds the jar with Maven; stage 2 runs it on a slim JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY wire/pom.xml wire/pom.xml
COPY pbx-sim/pom.xml pbx-sim/pom.xml
COPY dialer/pom.xml dialer/pom.xml
RUN mvn -B -q dependency:go-offline -pl dialer -am || true
COPY . .
RUN mvn -B -q -DskipTests -pl dialer -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/cobra --create-home cobra \
 && apt-get update && apt-get install -y --no-install-recommends curl libaio1t64 libncurses6 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/dialer/target/cobra.jar /opt/cobra/cobra.jar
COPY config /etc/cobra
USER cobra
WORKDIR /var/lib/cobra
ENV COBRA_DATA_DIR=/var/lib/cobra/data
VOLUME ["/var/lib/cobra/data", "/etc/cobra"]
# 8080: HTTP (API, console, /health, /metrics); 4573: FastAGI for Asterisk's dialplan.
EXPOSE 8080 4573
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/cobra/cobra.jar"]
# cobra serve with the container's configuration (config/docker/cobra.yaml: all site settings from the
# environment); SIGTERM (docker stop) drains: no new calls, live calls finish, attempts closed, leases released.
CMD ["serve", "--config", "/etc/cobra/docker/cobra.yaml"]
STOPSIGNAL SIGTERM
