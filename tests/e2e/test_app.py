"""The real app on the demo workspace, as a person uses it, online then offline.

The tests run in this file's order and share one app: each picks up where the
previous one left off (like a person's session). Labels are the English ones
(conftest.py sets the language). Every write is also checked on the server,
through its HTTP API.
"""

from __future__ import annotations

import re
import uuid

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

# An upper bound to wait for the UI, not a performance expectation: the
# machine is shared and a debug build is slow to start.
PATIENCE = 60

RUN = uuid.uuid4().hex[:8]
ONLINE_POST = f"Online post from the end-to-end run e2eon{RUN}"
COMMENT = f"A comment from the end-to-end run e2ecomment{RUN}"
OFFLINE_POST = f"Written on the train, offline e2eoff{RUN}"
QUESTION = f"Lunch place e2epoll{RUN}?"

# What the tests learn on the way, for the later ones.
seen: dict[str, object] = {}


def wait(app, condition, message: str):
    """Waits until `condition(driver)` is truthy (stale elements mean: not yet)."""

    def check(driver):
        try:
            return condition(driver)
        except StaleElementReferenceException:
            return False

    return WebDriverWait(app.driver, PATIENCE, poll_frequency=0.2).until(check, message)


def css(app, selector: str) -> list[WebElement]:
    return app.driver.find_elements(By.CSS_SELECTOR, selector)


def one(app, selector: str) -> WebElement:
    return wait(app, lambda d: (css(app, selector) or [None])[0], f"no {selector}")


def sync_state(app) -> str:
    return one(app, "nav .sync").get_attribute("data-state")


def sidebar_groups(app) -> dict[int, int]:
    """My groups in the sidebar: id -> unread count."""
    return {
        int(b.get_attribute("data-group-id")): int(b.get_attribute("data-unread"))
        for b in css(app, "nav button[data-group-id]")
    }


def aside_unread(app) -> int:
    """The number of unread posts the aside shows ("Today")."""
    text = one(app, "aside .stat").text
    match = re.search(r"\d+", text.replace("\u202f", "").replace(",", ""))
    return int(match.group()) if match else 0


def nav_button(app, label: str) -> WebElement:
    return wait(
        app,
        lambda d: next(
            (
                b
                for b in css(app, "nav .nav-list button.item")
                if b.find_element(By.CSS_SELECTOR, ".label").get_attribute("textContent").strip() == label
            ),
            None,
        ),
        f"no navigation button {label!r}",
    )


def open_group(app, group_id: int) -> None:
    one(app, f'nav button[data-group-id="{group_id}"]').click()
    wait(app, lambda d: css(app, "main section.composer textarea"), "the group's composer did not show")


def article_with(app, text: str) -> WebElement:
    return wait(
        app,
        lambda d: next((a for a in css(app, "main article") if text in a.text), None),
        f"no post with {text!r} on screen",
    )


def write_post(app, body: str) -> None:
    box = one(app, "main section.composer textarea")
    box.click()
    box.send_keys(body)


def publish(app) -> None:
    button = wait(
        app,
        lambda d: next((b for b in css(app, "main section.composer button.primary") if b.text == "Post"), None),
        "no Post button",
    )
    button.click()


def outbox_count(app) -> int:
    """What the sidebar says waits in the outbox."""
    counts = nav_button(app, "Outbox").find_elements(By.CSS_SELECTOR, ".count")
    return int(counts[0].text) if counts else 0


def server_posts_with(app, group_id: int, text: str) -> list[dict]:
    return [p for p in app.server.group_posts(group_id) if text in p["body"]]


def test_reads_the_feed_with_the_unread_summary(app):
    wait(app, lambda d: css(app, "main article[data-post-id]"), "the feed shows no post")
    wait(app, lambda d: sync_state(app) == "online", "the app never said it is online")
    groups = wait(app, lambda d: sidebar_groups(app), "no group in the sidebar")
    assert sum(groups.values()) > 0, "a fresh demo has unread posts"
    # The aside's summary follows the sidebar's counts, not 0 from before the first sync.
    wait(
        app,
        lambda d: aside_unread(app) == sum(sidebar_groups(app).values()),
        "the aside's unread summary differs from the sidebar's counts",
    )


def test_opening_a_group_marks_it_read_and_counts_fall(app):
    # The busiest group where everyone may post (announcement channels are for their admins).
    groups = {g: n for g, n in sidebar_groups(app).items() if app.server.group(g)["kind"] != "announcement"}
    group_id, unread = max(groups.items(), key=lambda g: g[1])
    assert unread > 0
    before = aside_unread(app)
    open_group(app, group_id)
    wait(app, lambda d: sidebar_groups(app)[group_id] == 0, "the group's unread count did not fall to 0")
    nav_button(app, "All my groups").click()
    wait(app, lambda d: aside_unread(app) == before - unread, "the total unread count did not fall")
    seen["group"] = group_id


def test_posts_with_a_poll_votes_and_likes(app):
    group_id = seen["group"]
    open_group(app, group_id)
    write_post(app, ONLINE_POST)
    one(app, 'main section.composer button[aria-pressed="false"]').click()  # Add a poll
    fields = wait(app, lambda d: css(app, "main fieldset.poll-form input.input"), "no poll form")
    fields[0].send_keys(QUESTION)
    fields[1].send_keys("Canteen")
    fields[2].send_keys("Picnic")
    publish(app)

    # Shown at once, then delivered: the pending mark goes and the server id comes.
    post = article_with(app, ONLINE_POST)
    wait(
        app,
        lambda d: article_with(app, ONLINE_POST).get_attribute("data-post-id")
        and not article_with(app, ONLINE_POST).find_elements(By.CSS_SELECTOR, '[data-testid="pending-badge"]'),
        "the new post stayed pending",
    )
    post = article_with(app, ONLINE_POST)
    post_id = int(post.get_attribute("data-post-id"))
    seen["post"] = post_id

    # Vote and like on the post's own page, once the outbox is empty and the view
    # settled (a refresh of the post resets a choice not yet submitted).
    wait(app, lambda d: outbox_count(app) == 0, "the outbox did not empty")
    post.find_element(By.CSS_SELECTOR, "button.time").click()
    wait(app, lambda d: css(app, "main form.reply"), "the post's page did not open")

    def choose(_):
        post = article_with(app, ONLINE_POST)
        button = post.find_element(By.CSS_SELECTOR, "form.poll button[type=submit]")
        if not button.is_enabled():
            post.find_elements(By.CSS_SELECTOR, "form.poll label.option")[1].click()
        return button.is_enabled() and button

    wait(app, choose, "choosing an option did not enable the Vote button").click()
    # Like it.
    article_with(app, ONLINE_POST).find_element(By.CSS_SELECTOR, '[data-action="like"]').click()
    wait(
        app,
        lambda d: article_with(app, ONLINE_POST)
        .find_element(By.CSS_SELECTOR, '[data-action="like"]')
        .get_attribute("aria-pressed")
        == "true",
        "the like button is not pressed",
    )

    wait(app, lambda d: app.server.post(post_id)["post"]["like_count"] == 1, "the like did not reach the server")

    def voted(_):
        poll = app.server.post(post_id)["post"]["poll"]
        return poll["my_votes"] == [poll["options"][1]["id"]]

    wait(app, voted, "the vote did not reach the server")
    assert len(server_posts_with(app, group_id, ONLINE_POST)) == 1
    # The results show, with my choice marked.
    wait(
        app,
        lambda d: any("Picnic" in o.text for o in article_with(app, ONLINE_POST).find_elements(By.CSS_SELECTOR, "label.option.chosen")),
        "my vote is not shown as my choice",
    )


def test_comments_on_a_post(app):
    post_id = seen["post"]
    article_with(app, ONLINE_POST).find_element(By.CSS_SELECTOR, '[data-action="reply"]').click()
    box = one(app, "#comment-box")
    box.send_keys(COMMENT)
    one(app, "main form.reply button[type=submit]").click()
    wait(app, lambda d: COMMENT in one(app, "main").text, "the comment is not shown")
    wait(
        app,
        lambda d: any(c["body"] == COMMENT for c in app.server.post(post_id)["comments"]),
        "the comment did not reach the server",
    )
    assert [c["body"] for c in app.server.post(post_id)["comments"]].count(COMMENT) == 1


def test_searches_posts_and_opens_a_result(app):
    nav_button(app, "Search").click()
    one(app, '[data-testid="search-input"]').send_keys(f"e2eon{RUN}")
    hit = wait(
        app,
        lambda d: next((h for h in css(app, "main button.hit") if f"e2eon{RUN}" in h.text), None),
        "search found nothing",
    )
    hit.click()
    wait(app, lambda d: COMMENT in one(app, "main").text, "the search result did not open the post")


def test_offline_reading_search_and_a_pending_post(app):
    app.invoke("e2e_demo_server", {"running": False})
    wait(app, lambda d: sync_state(app) == "offline", "the app did not say it is offline")
    assert one(app, "nav .sync [role=status]").text.startswith("Offline since")

    # Reading works from the cache.
    group_id = seen["group"]
    open_group(app, group_id)
    article_with(app, ONLINE_POST)
    assert len(css(app, "main article[data-post-id]")) > 1

    # So does search.
    nav_button(app, "Search").click()
    one(app, '[data-testid="search-input"]').send_keys(f"e2ecomment{RUN}")
    wait(
        app,
        lambda d: any(f"e2ecomment{RUN}" in h.text for h in css(app, "main button.hit")),
        "offline search found nothing",
    )

    # A new post is kept, marked pending, and counted in the outbox.
    open_group(app, group_id)
    waiting = outbox_count(app)
    write_post(app, OFFLINE_POST)
    publish(app)
    post = article_with(app, OFFLINE_POST)
    assert post.find_elements(By.CSS_SELECTOR, '[data-testid="pending-badge"]'), "the offline post is not pending"
    wait(app, lambda d: outbox_count(app) == waiting + 1, "the outbox does not count the new post")
    assert server_posts_with_offline(app, group_id) is None


def server_posts_with_offline(app, group_id: int):
    """The server cannot be asked now: this only proves it is really down."""
    try:
        app.server.group_posts(group_id)
    except OSError:
        return None
    pytest.fail("the demo server still answers")


def test_back_online_the_post_is_delivered_once(app):
    group_id = seen["group"]
    app.invoke("e2e_demo_server", {"running": True})
    wait(app, lambda d: sync_state(app) == "online", "the app did not come back online")
    wait(
        app,
        lambda d: article_with(app, OFFLINE_POST).get_attribute("data-post-id")
        and not article_with(app, OFFLINE_POST).find_elements(By.CSS_SELECTOR, '[data-testid="pending-badge"]'),
        "the pending mark did not go",
    )
    wait(app, lambda d: outbox_count(app) == 0, "the outbox is not empty")
    assert len(server_posts_with(app, group_id, OFFLINE_POST)) == 1
    assert len(server_posts_with(app, group_id, ONLINE_POST)) == 1
    assert [p["body"] for p in server_posts_with(app, group_id, OFFLINE_POST)] == [OFFLINE_POST]
