package org.assistx.gateway.followup;

import java.time.LocalDate;
import java.util.Objects;
import org.assistx.gateway.division.Division;
import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.policy.ResidenceChange;
import org.springframework.web.util.HtmlUtils;

/**
 * The written notice to a recipient whose payments stop (R10, "书面告知救助对象"): a printable HTML page in
 * Chinese. It is one decision: it carries the day the suspension was decided, stored with the change, so the
 * letter printed again on another day is the same letter. It cites the plan by its title (configured as
 * {@code assistx.policy.plan-title}) and its part 五、日常管理. Every value is HTML-escaped.
 */
public final class SuspensionNotice {

    private SuspensionNotice() {
    }

    public static String render(ResidenceChanges.Stored s, DivisionRegistry divisions, String planTitle) {
        ResidenceChange c = s.change();
        LocalDate decidedOn = Objects.requireNonNull(s.decidedOn(), "a suspension is stored with its decision date");
        String township = name(divisions, c.managingTownship());
        String county = name(divisions, c.managingTownship().substring(0, 6));
        String type = switch (c.assistanceType()) {
            case DIBAO -> "最低生活保障金";
            case TEKUN -> "特困人员救助供养金";
            case TEMPORARY -> "临时救助金";
        };
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="UTF-8"><title>停发社会救助金告知书</title>
            <style>body{font-family:"SimSun","Songti SC",serif;max-width:42em;margin:3em auto;line-height:2;font-size:16px}
            h1{text-align:center;font-size:22px;letter-spacing:.2em}.sign{text-align:right;margin-top:4em}
            .no{text-align:right;font-size:14px}@media print{body{margin:2cm}}</style></head>
            <body>
            <h1>停发社会救助金告知书</h1>
            <p class="no">编号：%s</p>
            <p>%s：</p>
            <p>　　经核实，您持非本县（市、区）户籍，自%s起离开%s居住，已满3个月。依据《%s》“五、日常管理”中
            “对持非本县（市、区）户籍离开本县（市、区）居住3个月以上的低保或特困供养对象，应及时办理停发手续并书面告知救助对象”的规定，
            自%s起停发您的%s。</p>
            <p>　　如您对本决定有异议，或已回到本地居住，请携带相关材料到%s申请复核或重新申请。</p>
            <p>　　特此告知。</p>
            <p class="sign">%s（盖章）<br>%s</p>
            </body></html>
            """.formatted(esc(s.changeId()), esc(c.recipient().name()), esc(c.movedOn().toString()), esc(county),
                esc(planTitle), esc(decidedOn.toString()), type, esc(township), esc(township),
                esc(decidedOn.toString()));
    }

    private static String name(DivisionRegistry divisions, String code) {
        return divisions.find(code).map(Division::name).orElse(code);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s, "UTF-8");
    }
}
