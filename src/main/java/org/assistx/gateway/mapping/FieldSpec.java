package org.assistx.gateway.mapping;

import java.util.List;
import java.util.Map;

/**
 * How one canonical field is filled: from one or more source paths (values joined with {@code |} before
 * the code lookup) or a constant; then through a code table; then converted by the field's kind (date
 * patterns, amount unit and period).
 *
 * @param target the canonical field
 * @param paths source paths, empty for a constant (JSON Pointer or XPath, depending on the format)
 * @param fromRoot whether {@code paths} start at the payload root instead of the record or proof
 * @param constant the constant canonical value, or {@code null}
 * @param codeTable the name of the code table, or {@code null}
 * @param codes the code table itself, or {@code null}
 * @param dates date patterns tried in order (date fields only)
 * @param optional whether a missing source value gives {@code null} instead of an error
 * @param unit the unit of an amount (amount only)
 * @param period how the period of an amount is filled (amount only)
 */
record FieldSpec(
        CanonicalField target,
        List<String> paths,
        boolean fromRoot,
        String constant,
        String codeTable,
        Map<String, String> codes,
        List<DatePattern> dates,
        boolean optional,
        AmountUnit unit,
        FieldSpec period) {

    /** Unit in which a partner writes amounts. */
    enum AmountUnit {
        /** 分: integers, 100 to a yuan. */
        FEN,
        /** 元: decimals with at most two places. */
        YUAN
    }

    boolean isConstant() {
        return constant != null;
    }

    /** The source as written in the mapping file, for error messages. */
    String source() {
        if (isConstant()) {
            return "const '" + constant + "'";
        }
        String p = paths.size() == 1 ? paths.get(0) : String.join(" | ", paths);
        return fromRoot ? "rootPath " + p : p;
    }
}
