/**
 * The Message-ID of an outbox row, derived from the row alone: a resend after a crash (between the server's
 * acceptance and the sent mark) carries the same id, so mail clients show one message. The creation time is part
 * of it too, so a database started afresh does not reuse the ids of an earlier one.
 */
export function messageIdFor(row: { id: number; createdAt: Date }, publicUrl: string): string {
	return `<vpp.outbox.${row.id}.${row.createdAt.getTime().toString(36)}@${messageIdHost(publicUrl)}>`
}

function messageIdHost(publicUrl: string): string {
	try {
		return new URL(publicUrl).hostname || 'localhost'
	} catch {
		return 'localhost'
	}
}
