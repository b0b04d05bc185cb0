//! Writes the TypeScript bindings of the view types into `ui/src/lib/bindings/`.
//! CI runs it and fails when the committed bindings differ (`git diff --exit-code`).
#![cfg(feature = "ts")]

use hublot_core::views::*;
use ts_rs::{Config, TS};

#[test]
fn export_typescript_bindings() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings");
    // JSON numbers, not bigint: ids and millisecond times stay below 2^53.
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    macro_rules! export {
        ($($t:ty),* $(,)?) => { $( <$t>::export_all(&cfg).expect(concat!("export ", stringify!($t))); )* };
    }
    export!(
        SendState,
        PersonRef,
        GroupRef,
        PollOptionView,
        PollView,
        PostView,
        FeedQuery,
        FeedPage,
        CommentView,
        PostDetail,
        GroupView,
        MemberView,
        GroupDetail,
        PersonView,
        Profile,
        PeopleQuery,
        PeoplePage,
        SearchQuery,
        HitKind,
        SearchHit,
        OutboxKind,
        OutboxState,
        OutboxItemView,
        SyncState,
        SyncStatus,
        UnreadSummary,
        CacheChanged,
        QuietHours,
        NotificationSettings,
        NotificationView,
        hublot_api::NewPoll,
        hublot_api::ErrorCode,
    );
}
