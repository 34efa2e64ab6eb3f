/**
 * Follow-ups of a verification or of a recipient's case (DESIGN §3.7): emergency backfill (R4), approval
 * feedback to the hukou township (R6), and daily management of residence changes (R10, R11), each sending
 * its own signed notice through {@link org.assistx.gateway.delivery.NoticeService}.
 */
package org.assistx.gateway.followup;
