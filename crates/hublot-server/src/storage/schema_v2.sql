-- Version 2: the revocation epoch of the servers' token caches.
--
-- `auth_epoch` is bumped by every transaction that revokes tokens (sign-out,
-- disabling an account, resetting a password); a running server rereads it
-- every second and forgets its cached tokens when it moved, so revocations
-- made by the admin command in another process take effect within a second.
INSERT OR IGNORE INTO meta(key, value) VALUES ('auth_epoch', 0);
