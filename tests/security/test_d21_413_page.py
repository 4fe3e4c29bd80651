"""D21: the 413 page said only "Error." Now it says what happened and what to do."""

from __future__ import annotations


def test_the_413_page_explains_itself(client):
    r = client.post(
        "/login", data={f"f{n}": "x" for n in range(2000)}, content_type="multipart/form-data"
    )
    assert r.status_code == 413
    page = r.get_data(as_text=True)
    assert "That was too much to send at once, so nothing was saved." in page
    assert "shorten what you typed" in page
    assert "Traceback" not in page
