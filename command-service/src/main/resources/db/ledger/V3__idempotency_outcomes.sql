-- An idempotency key now keeps what its command produced (the stream and its version right after the command)
-- instead of a copy of the HTTP answer: a repeat is answered from the event store as it was at that version.
-- Keys recorded before this migration kept the answer's body, which names the stream and the version.
UPDATE ledger.idempotency_keys k
   SET status = 1,
       response = jsonb_build_object('stream', coalesce(b.body ->> 'transferId', b.body ->> 'accountId'),
                                     'version', (b.body ->> 'version')::int)
  FROM (SELECT user_id, key, (response ->> 'body')::jsonb AS body
          FROM ledger.idempotency_keys
         WHERE status <> 0 AND response ? 'body') b
 WHERE k.user_id = b.user_id AND k.key = b.key;
