def test_app_serves_its_own_css_without_debug(client, settings):
    """A plain `gunicorn timeledger.wsgi` install (DEBUG off, no collectstatic) gets styles."""
    assert settings.DEBUG is False
    response = client.get("/static/timeledger/app.css")
    assert response.status_code == 200
    assert b"--accent" in b"".join(response.streaming_content)
