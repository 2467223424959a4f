from django.urls import reverse


def test_vietnamese_is_the_default_whatever_the_browser_asks(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Tên đăng nhập" in page.content.decode()
    assert page.headers["Content-Language"] == "vi"


def test_english_when_chosen(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("login"))
    assert page.headers["Content-Language"] == "en"
