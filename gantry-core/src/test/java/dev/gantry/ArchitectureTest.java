package dev.gantry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps gantry-core free of drivers, runtimes and servers: those live in their own modules. */
class ArchitectureTest {

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.gantry");
  }

  @Test
  void coreDependsOnNoDriverRuntimeOrServer() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.github.dockerjava..",
            "io.fabric8..",
            "java.sql..",
            "javax.sql..",
            "org.h2..",
            "org.postgresql..",
            "com.zaxxer..",
            "org.flywaydb..",
            "io.javalin..",
            "org.eclipse.jetty..",
            "com.sun.net.httpserver..",
            "graphql..")
        .because(
            "gantry-core holds the domain and SPIs; Docker, Dagger (GraphQL over HTTP),"
                + " Kubernetes, JDBC and HTTP servers belong to gantry-docker, gantry-dagger,"
                + " gantry-kubernetes, gantry-jdbc and gantry-server")
        .check(core);
  }

  @Test
  void coreLogsThroughSlf4jOnly() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ch.qos.logback..")
        .because("core logs through SLF4J; the logging backend is chosen by the application")
        .check(core);
  }
}
