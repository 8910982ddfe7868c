package io.mendian.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Brand-facing reads of the platform's tables take the brand as a {@code TenantId}, which cannot be null; reads across
 * every brand are methods of their own. A read that took the tenant as a String could be handed a null meaning "all
 * brands" by mistake, and one brand would read everyone's rows.
 */
class PlatformReadsTest {

    private static final Pattern READ =
            Pattern.compile("^((get|list|latest|of|view|history|levels|find|pending)|for[A-Z]).*");

    @Test
    void noPlatformReadTakesTheTenantAsAString() throws Exception {
        List<String> offenders = new ArrayList<>();
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mendian.platform");
        for (var javaClass : classes) {
            Class<?> type = Class.forName(javaClass.getName(), false, getClass().getClassLoader());
            if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                continue; // resources take the path's text and turn it into a TenantId themselves
            }
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(method.getModifiers())
                        || !READ.matcher(method.getName()).matches()) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.getType() == String.class
                            && parameter.getName().toLowerCase().contains("tenant")) {
                        offenders.add(
                                type.getSimpleName() + "." + method.getName() + "(String " + parameter.getName() + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "take a TenantId (brand) or write a separate operator-wide method");
    }
}
