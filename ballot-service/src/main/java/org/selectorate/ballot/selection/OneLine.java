package org.selectorate.ballot.selection;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text that is shown on one line and goes into mail subjects and calendar entries (titles, places): no line
 * breaks or other control characters. A bare LF in a selection title once became a header of its notices' mail.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[^\\p{Cc}\\u2028\\u2029]*")
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneLine {
    String message() default "must be one line, without line breaks or control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
