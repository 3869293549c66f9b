# Build stage: compile and package the fat jar.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q -DskipTests dependency:go-offline
COPY src/main src/main
COPY migrations migrations
RUN mvn -B -q -DskipTests package

# Run stage: a JRE, a non-root user, and the database on a volume.
FROM eclipse-temurin:21-jre
RUN groupadd --system chorus && useradd --system --gid chorus --home-dir /app chorus \
    && mkdir -p /app /data && chown chorus:chorus /data
WORKDIR /app
COPY --from=build /src/target/chorus.jar /app/chorus.jar
USER chorus
ENV CHORUS_DB_PATH=/data/chorus.db \
    CHORUS_HEALTH_PORT=8080
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["java", "-cp", "/app/chorus.jar", "dev.chorus.cli.HealthProbe", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-jar", "/app/chorus.jar"]
