package org.assistx.gateway;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every stable code of the gateway, in one place: the code, the HTTP status it answers with, the SOAP fault
 * it is raised as, and what it means in Chinese and English. API answers, SOAP faults, dead-letter reasons,
 * refusals and audit check results carry these names; the table in {@code docs/codes.md} and the list of
 * codes in {@code docs/openapi.yaml} are rendered from this enum ({@code CodeRegistryTest} keeps them current).
 *
 * <p>The {@code 422} codes of the contract are also the typed {@link org.assistx.gateway.policy.ErrorCode}
 * the policy engine works with; each of those is one constant here of the same name (area {@link Area#POLICY}).
 * A new policy code is one constant there and one line here.
 *
 * <p>{@link #httpStatus()} is {@code 0} for a code that is never an HTTP answer (a reason recorded on a
 * message, a dead letter or an audit check); a few answers use another status where the surface says so
 * (the operations API answers a bad parameter {@code INVALID_FIELD} with {@code 400}).
 */
public enum Code {

    // --- the 422 set of the contract (policy.ErrorCode) ---
    INVALID_ID_NUMBER(Area.POLICY, 422, "身份证号码格式、校验位或出生日期不正确", "The ID number is malformed, has a wrong check digit or an impossible birth date"),
    UNKNOWN_DIVISION(Area.POLICY, 422, "行政区划代码格式不对、不在区划表中或级别不符", "A division code is malformed, not in the division list, or not of the level needed"),
    NOT_CROSS_JURISDICTION(Area.POLICY, 422, "户籍就在居住地镇街本身，不属于居住地申办", "The hukou is in the residence township itself: not a residence-based application (R1)"),
    RESIDENCE_TOO_SHORT(Area.POLICY, 422, "在居住地居住时间不足", "The applicant has not lived at the residence place long enough (R2)"),
    DECLARATION_REQUIRED(Area.POLICY, 422, "缺少户籍地未享受救助的声明", "The declaration of non-receipt at the hukou place is missing (R6, R7)"),
    PROOF_REQUIRED(Area.POLICY, 422, "需要未享受救助证明而未提供", "A proof of non-receipt is needed and none was given (R8)"),
    PROOF_INVALID(Area.POLICY, 422, "所附未享受救助证明不可接受", "The proof of non-receipt given is not acceptable (R8)"),
    BEFORE_EFFECTIVE_DATE(Area.POLICY, 422, "申请日期早于办法施行日期", "The application date is before the scheme took effect (R5)"),
    EMERGENCY_TEMPORARY_ONLY(Area.POLICY, 422, "急难申请只能申请临时救助", "An emergency application for something other than temporary assistance (R4)"),
    INVALID_FIELD(Area.POLICY, 422, "字段缺失、类型不对或超出范围", "A field is missing, of the wrong type or out of range"),
    EMERGENCY_KIND_NOT_CONFIGURED(Area.POLICY, 422, "县级自定义急难类型未在该县配置", "A county-defined emergency names no emergency the county of the occurrence township has configured (R4)"),

    // --- refusals at the door (REST, JMS and SOAP ingress, follow-ups) ---
    MALFORMED_JSON(Area.INGRESS, 400, "请求体不是有效的 JSON（或有重复键）", "The body is not valid JSON, or has duplicate keys"),
    MALFORMED_XML(Area.INGRESS, 400, "SOAP 请求无法读取", "The SOAP request cannot be read"),
    XML_UNSAFE(Area.INGRESS, 400, "XML 含 DOCTYPE（拒绝 DTD 与实体）", "The XML carries a DOCTYPE (DTDs and entities are refused)"),
    UNAUTHENTICATED(Area.INGRESS, 401, "无法识别调用方身份", "The caller cannot be identified"),
    CLIENT_CERTIFICATE_REVOKED(Area.INGRESS, 401, "客户端证书已被吊销", "The township's client certificate is revoked"),
    CLIENT_CERTIFICATE_REFUSED(Area.INGRESS, 401, "客户端证书不能证明调用方身份", "The client certificate does not identify a township"),
    FORBIDDEN(Area.INGRESS, 403, "调用方无权代表该镇街", "The caller may not act for that township"),
    NOT_FOUND(Area.INGRESS, 404, "没有该资源", "No such resource"),
    METHOD_NOT_ALLOWED(Area.INGRESS, 405, "不支持该请求方法", "Method not allowed"),
    REQUEST_ID_CONFLICT(Area.INGRESS, 409, "同一申请编号已用于不同的请求", "The same requestId was used with another body"),
    NOT_APPLICABLE(Area.INGRESS, 409, "该后续事项不适用于此核查或变更", "The follow-up does not apply to this verification or change"),
    BODY_TOO_LARGE(Area.INGRESS, 413, "请求体超过大小上限", "The body is larger than the limit"),
    UNSUPPORTED_MEDIA_TYPE(Area.INGRESS, 415, "请使用 application/json", "Use application/json"),
    CALLBACK_NOT_ALLOWED(Area.INGRESS, 422, "回调地址不在该镇街登记的地址之内", "The callback URL is not among the township's registered destinations"),
    POLICY_REFUSED(Area.INGRESS, 422, "政策规则拒绝该请求（逐条列出 422 代码）", "Policy rules refuse the request (each listed with its 422 code)"),
    RATE_LIMITED(Area.INGRESS, 429, "请求过于频繁，请稍后重试", "Too many requests; retry after the given seconds"),
    INTERNAL(Area.INGRESS, 500, "网关内部错误，可用相同申请编号安全重试", "Internal error; retrying with the same requestId is safe"),
    STORE_UNAVAILABLE(Area.INGRESS, 503, "数据库暂不可用，请在 Retry-After 秒后重试", "The store is not available; retry after the seconds in Retry-After (with the same requestId)"),

    // --- the exchange endpoint of a federation member (POST /api/v1/exchange) ---
    FEDERATION_OFF(Area.INGRESS, 404, "本网关未加入联邦，不接收交换消息", "This gateway takes no part in a federation: the exchange endpoint is off"),
    NO_DIRECTORY_IN_FORCE(Area.INGRESS, 503, "没有有效的联邦目录，暂不能核实发送方", "No federation directory is in force, so the sender cannot be checked; retry later"),
    SENDER_NOT_MEMBER(Area.INGRESS, 403, "签名证书不属于目录中的任何成员网关", "The signing certificate is not one any member of the directory lists"),
    SENDER_NOT_BOUND(Area.INGRESS, 403, "消息的发送方不在签名成员的服务区划之内", "The message's sender is neither the signing member's organisation nor a division it serves"),
    NOT_SERVED_HERE(Area.INGRESS, 422, "接收方或户籍地不在本网关的服务区域", "The recipient or the hukou place is not in the area this gateway serves"),

    // --- the operations API ---
    REASON_REQUIRED(Area.OPERATIONS, 400, "该操作需要填写原因", "The action needs a reason"),
    ROUTE_ACTION_FAILED(Area.OPERATIONS, 409, "路由操作失败", "The route action failed"),
    UNKNOWN_VERIFICATION(Area.OPERATIONS, 409, "死信所指的核查不存在", "The dead letter names no known verification"),
    UNKNOWN_MESSAGE(Area.OPERATIONS, 409, "死信所指的通知不存在", "The dead letter names no known notice"),
    ALREADY_FINAL(Area.OPERATIONS, 409, "已有结果或已送达，无需重发", "Already answered or delivered; nothing to replay"),
    INVALID_TIME_RANGE(Area.OPERATIONS, 400, "时间范围不对：起点须早于终点，跨度不超过上限", "The time range is wrong: from must be before to, and the span within the limit"),
    DEAD_LETTER_GONE(Area.OPERATIONS, 409, "死信已被取走", "The dead letter is no longer on the queue"),
    PARTNER_INVALID(Area.OPERATIONS, 422, "合作方配置无效", "A partner folder is invalid"),
    BROKER_UNAVAILABLE(Area.OPERATIONS, 503, "消息代理不可用", "The message broker is not available"),

    // --- envelopes and replies (refusals of inbound messages, delivery and dead-letter reasons) ---
    ENVELOPE_MALFORMED(Area.ENVELOPE, 0, "信封结构不正确", "The envelope is not well formed"),
    SIGNATURE_INVALID(Area.ENVELOPE, 0, "签名验证失败", "A signature did not verify against the signed bytes and the signer's key"),
    CERTIFICATE_UNTRUSTED(Area.ENVELOPE, 0, "证书不能链接到受信任的根", "The certificate does not chain to any configured trust anchor"),
    CERTIFICATE_EXPIRED(Area.ENVELOPE, 0, "证书已过期或尚未生效", "A certificate in the chain is expired or not yet valid"),
    CERTIFICATE_REVOKED(Area.ENVELOPE, 0, "证书已被吊销", "A certificate in the chain is revoked"),
    REVOCATION_UNAVAILABLE(Area.ENVELOPE, 0, "无法取得证书吊销状态", "The revocation status cannot be had: the CRL location or OCSP responder is unreachable or answers nothing usable, and no CRL still current is at hand"),
    UNSUPPORTED_ALGORITHM(Area.ENVELOPE, 0, "不支持的算法或密钥类型", "Unknown algorithm, or a key that does not fit the crypto profile"),
    KEY_UNREADABLE(Area.ENVELOPE, 0, "密钥或证书无法读取", "Key material cannot be read, decoded or used"),
    CANONICALIZATION_FAILED(Area.ENVELOPE, 0, "JSON 值没有规范化形式", "A JSON value has no RFC 8785 canonical form"),
    MESSAGE_TOO_OLD(Area.ENVELOPE, 0, "消息创建时间过早", "The message was created too long ago"),
    MESSAGE_FROM_FUTURE(Area.ENVELOPE, 0, "消息创建时间在未来", "The message was created in the future beyond the allowed skew"),
    REPLAYED(Area.ENVELOPE, 0, "该消息此前已收到（重放）", "The message was received before (replay)"),
    REQUEST_HASH_MISMATCH(Area.ENVELOPE, 0, "答复的 requestHash 与请求不符", "The reply's requestHash is not that of the request"),
    UNEXPECTED_REPLY(Area.ENVELOPE, 0, "答复与请求不对应", "The reply does not answer the request"),
    SENDER_NOT_COVERED(Area.ENVELOPE, 0, "签名者不是该合作方", "The signer is not the partner"),
    SENDER_MISMATCH(Area.ENVELOPE, 0, "答复的发送方不是被询问的机构", "The reply's sender is not the organisation that was asked"),
    RECIPIENT_MISMATCH(Area.ENVELOPE, 0, "答复的接收方不是提出询问的镇街", "The reply's recipient is not the township that asked"),
    DUPLICATE_REPLY(Area.ENVELOPE, 0, "重复的答复", "A second answer to a request already answered"),
    LATE_REPLY(Area.ENVELOPE, 0, "迟到的答复", "An answer after the gateway stopped waiting"),
    MAPPING_FAILED(Area.ENVELOPE, 0, "合作方答复无法映射为标准记录", "A partner answer cannot be mapped to canonical records"),
    PARTNER_REPORTED_ERROR(Area.ENVELOPE, 0, "合作方答复本身报告失败", "The partner's answer itself says it failed"),

    // --- delivery ---
    TRANSPORT_FAILED(Area.DELIVERY, 0, "传输失败（连接、超时或合作方故障）", "The transport failed (connection, timeout or partner fault)"),
    ANSWER_WITHOUT_PROOF(Area.DELIVERY, 0, "合作方答复未享受救助但未附证明，核查结果待定", "The partner found no assistance received but sent no proof of non-receipt (R8): the verification is undetermined"),
    HUKOU_UNDETERMINED(Area.DELIVERY, 0, "户籍地网关未能确定核查结果", "The gateway serving the hukou place could not determine the outcome (its county bureau gave no answer): the verification is undetermined"),
    BROKER_GAVE_UP(Area.DELIVERY, 0, "消息代理在最大投递次数后将消息转入死信", "The broker dead-lettered the message after its maximum delivery attempts"),
    ATTEMPTS_EXHAUSTED(Area.DELIVERY, 0, "合作方的重试次数已用完（次数记在存储中，重启不清零）", "The partner's retry budget is used up (attempts are counted in the store and survive restarts)"),
    MAX_AGE_EXCEEDED(Area.DELIVERY, 0, "超过最长投递时间，放弃", "Delivery gave up after the maximum age"),
    PARTNER_UNKNOWN(Area.DELIVERY, 0, "没有该合作方", "No such partner"),
    TYPE_NOT_ACCEPTED(Area.DELIVERY, 0, "合作方不接收该消息类型", "The partner does not accept this message type"),
    NO_ROUTE(Area.DELIVERY, 0, "没有合作方能核查该户籍地", "No partner can check this hukou place"),

    // --- the federation directory ---
    DIRECTORY_MALFORMED(Area.FEDERATION, 0, "联邦目录结构或内容不正确", "The federation directory is not well formed: unknown or missing fields, duplicate member ids or served prefixes, bad division prefixes, URLs or certificates"),
    DIRECTORY_SIGNATURE_INVALID(Area.FEDERATION, 0, "联邦目录签名无效或签名者不是目录管理机构", "The federation directory's signature does not verify, or its signer is not (and does not chain to) a configured directory authority valid at issuedAt"),
    DIRECTORY_EXPIRED(Area.FEDERATION, 0, "联邦目录已过期或尚未生效", "The federation directory is past its validUntil or not yet issued"),
    DIRECTORY_OLDER(Area.FEDERATION, 0, "联邦目录版本低于正在使用的版本", "The federation directory's version is lower than the one in force"),
    DIRECTORY_UNAVAILABLE(Area.FEDERATION, 0, "无法从来源取得联邦目录", "The federation directory cannot be read from its source (unreachable, timeout, HTTP error)"),

    // --- configuration and start-up ---
    MAPPING_SPEC_INVALID(Area.STARTUP, 0, "mapping.yaml 无效", "A mapping.yaml is invalid"),
    SAMPLE_MISMATCH(Area.STARTUP, 0, "合作方样例的映射结果与预期不符", "A partner sample does not map to its expected result"),
    SCHEMA_UNAVAILABLE(Area.STARTUP, 0, "标准 JSON Schema 无法读取", "A canonical JSON schema cannot be read"),
    DIVISION_DATA_INVALID(Area.STARTUP, 0, "行政区划数据无效", "The division data is invalid"),
    WORKING_DAY_CALENDAR_INVALID(Area.STARTUP, 0, "工作日历文件无效", "The working-day calendar file is invalid"),
    INVALID_POLICY_SETTINGS(Area.STARTUP, 0, "政策参数无效", "The policy settings are invalid"),
    STORE_KEY_MISSING(Area.STARTUP, 0, "启用了存储加密但没有密钥", "Store encryption is enabled and no key is set"),
    STORE_KEY_INVALID(Area.STARTUP, 0, "存储密钥格式不正确", "A store key is not of the expected form"),
    STORE_KEY_UNKNOWN(Area.STARTUP, 0, "密文所用的密钥未配置", "A sealed value names a key that is not configured"),
    STORE_DECRYPTION_FAILED(Area.STARTUP, 0, "存储的密文无法解密", "A sealed value cannot be opened"),
    BROKER_SETTINGS_MISSING(Area.STARTUP, 0, "消息代理未按网关要求配置地址设置（重投延迟、投递次数、死信地址）", "The broker's address settings for the gateway's queues are not those it relies on (redelivery delay, delivery attempts, dead-letter address; docs/deploy/broker.xml)"),
    DEMO_WIRING(Area.STARTUP, 0, "生产配置中合作方指向网关自身或信任示例证书", "In prod, a partner's endpoint is the gateway itself or its trust anchors are the sample certificates"),
    KEY_TOKEN_UNAVAILABLE(Area.STARTUP, 0, "密码设备中的签名密钥无法使用（PKCS#11 库、槽位、PIN 或别名不对）", "The signing key in the token cannot be used: the PKCS#11 library, slot, PIN or key alias is wrong"),
    MANAGEMENT_PORT_REQUIRED(Area.STARTUP, 0, "生产配置需要与 API 端口不同的管理端口", "In prod, the management port must be set and differ from the mTLS API port"),

    // --- the audit chain ---
    AUDIT_SOURCE_MISSING(Area.AUDIT, 0, "审计条目所指的记录不存在", "The record an audit entry is about is not stored"),
    AUDIT_HASH_UNAVAILABLE(Area.AUDIT, 0, "无法计算审计哈希", "The audit hash cannot be computed"),
    RECORD_CHANGED(Area.AUDIT, 0, "记录在写入后被改动", "The record was changed after it was written"),
    RECORD_MISSING(Area.AUDIT, 0, "审计条目所指的记录已不存在", "The record of an entry is gone"),
    ENTRY_HASH_MISMATCH(Area.AUDIT, 0, "条目哈希不符", "The entry's hash does not match its content"),
    PREVIOUS_HASH_MISMATCH(Area.AUDIT, 0, "前一条目哈希不符", "The entry does not chain to the previous one"),
    MISSING_ENTRY(Area.AUDIT, 0, "审计链缺少条目", "An entry of the chain is missing"),
    CHAIN_TRUNCATED(Area.AUDIT, 0, "审计链被截断", "The chain ends before its head"),
    ANCHOR_UNATTESTED(Area.AUDIT, 0, "审计链起点没有对应的留存删除条目", "The chain starts after entries that no retention cut removed"),
    UNKNOWN_KIND(Area.AUDIT, 0, "未知的审计条目类型", "An entry of an unknown kind"),

    // --- the partner simulators (stand-ins for partners, not the gateway) ---
    NO_SIMULATOR(Area.SIMULATOR, 404, "该合作方没有模拟器", "The partner has no simulator"),
    UNSUPPORTED_TYPE(Area.SIMULATOR, 400, "模拟器不答复该消息类型", "The simulator does not answer this message type"),
    SIMULATOR_REQUEST_INVALID(Area.SIMULATOR, 400, "模拟器无法读取该请求", "The simulator cannot read the request"),
    SIMULATOR_INVALID(Area.SIMULATOR, 0, "模拟器配置无效", "A simulator.yaml or register is invalid");

    /** Where a code is met. */
    public enum Area {
        POLICY("422 policy refusals"),
        INGRESS("Refusals at the door"),
        OPERATIONS("Operations API"),
        ENVELOPE("Envelopes and replies"),
        DELIVERY("Delivery"),
        FEDERATION("Federation directory"),
        STARTUP("Configuration and start-up"),
        AUDIT("Audit chain"),
        SIMULATOR("Partner simulators");

        private final String title;

        Area(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final Area area;
    private final int httpStatus;
    private final String chinese;
    private final String english;

    Code(Area area, int httpStatus, String chinese, String english) {
        this.area = area;
        this.httpStatus = httpStatus;
        this.chinese = chinese;
        this.english = english;
    }

    public Area area() {
        return area;
    }

    /** The HTTP status of an answer carrying this code, or {@code 0} if it is never an HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The SOAP fault code a SOAP surface raises it as: {@code Client} for what the sender must change (a
     * 4xx answer, a message refused for its content), {@code Server} for the gateway's own failures.
     */
    public String soapFault() {
        return httpStatus >= 500 || area == Area.STARTUP || area == Area.AUDIT
                || this == TRANSPORT_FAILED || this == NO_ROUTE || this == SIMULATOR_INVALID ? "Server" : "Client";
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** {@code chinese + " / " + english}, the form of every message of the API. */
    public String meaning() {
        return chinese + " / " + english;
    }

    /** The code of this name, if there is one. */
    public static Optional<Code> find(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst();
    }
}
