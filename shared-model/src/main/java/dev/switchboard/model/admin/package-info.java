/**
 * The admin API's answers and the admin stream's frames (docs/admin-api.md) as records: the server
 * encodes them and the admin client decodes them, so both sides share one definition of the wire.
 * Every record ignores fields it does not know ({@link AdminJson}), so the server may add fields
 * without breaking an older client. Absent optional fields are null and left out when encoding.
 */
package dev.switchboard.model.admin;
