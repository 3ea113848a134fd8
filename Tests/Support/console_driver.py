"""Headless Chromium for the console's browser test and benchmark.

Debian's `chromium` and `chromium-driver` (scripts/setup.sh installs them) driven by
Selenium from PyPI. Each browser gets a fresh temporary profile, so no token, cache or
history leaks from one run into the next, and nothing is fetched from the internet:
Selenium is given the driver's path, so it never looks for one to download.
"""

import json
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

TOKEN_KEY = "claude-code-cluster.token"
CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if os.access(p, os.X_OK)), None)
CHROMEDRIVER = next((p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if os.access(p, os.X_OK)), None)


class Browser:
    """A headless Chromium with its own temporary profile; `close()` removes both."""

    def __init__(self, width=1280, height=900):
        if not CHROMIUM or not CHROMEDRIVER:
            raise RuntimeError("chromium and chromium-driver are not installed (scripts/setup.sh)")
        self.profile = tempfile.mkdtemp(prefix="console-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--no-first-run", "--disable-extensions", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--metrics-recording-only",
                         f"--window-size={width},{height}", f"--user-data-dir={self.profile}"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(30)
        self.errors = []

    def sign_in(self, base_url, token):
        """Keeps the bridge token in the page's storage before the console first loads, as a
        user who saved it earlier would have it: /health is open, so the page loads nothing
        that would be refused."""
        self.driver.get(base_url + "/health")
        self.driver.execute_script("localStorage.setItem(arguments[0], arguments[1])", TOKEN_KEY, token or "")
        # Chromium asks for /favicon.ico with a JSON document, which a bridge with a token
        # refuses: that is the browser's doing on this page, not the console's.
        self.driver.get_log("browser")

    def console_errors(self):
        """The browser's error entries (console.error, uncaught exceptions, failed loads,
        refused by the content security policy) since the last call; also kept in `errors`."""
        entries = [entry for entry in self.driver.get_log("browser") if entry.get("level") == "SEVERE"]
        self.errors.extend(entry["message"] for entry in entries)
        return [entry["message"] for entry in entries]

    def wait_for(self, description, condition, timeout=30.0, every=0.1):
        """Polls `condition()` until it returns something true, or raises TimeoutError."""
        deadline = time.monotonic() + timeout
        last_error = None
        while time.monotonic() < deadline:
            try:
                value = condition()
                if value:
                    return value
            except Exception as error:  # the element is being replaced; try again
                last_error = error
            time.sleep(every)
        raise TimeoutError(f"waited {timeout:.0f}s for {description}" + (f" (last error: {last_error})" if last_error else ""))

    def screenshot(self, folder, name):
        if not folder:
            return None
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, name + ".png")
        # The whole page, not only the window: the window is made as tall as the page.
        size = self.driver.get_window_size()
        height = self.driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
        self.driver.set_window_size(size["width"], max(size["height"], height + 140))
        try:
            self.driver.save_screenshot(path)
        finally:
            self.driver.set_window_size(size["width"], size["height"])
        return path

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


def call(base_url, token, method, path, body=None):
    """One call to the bridge's API; returns (status, parsed JSON or text)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base_url + path, data=data, method=method)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, text, kind = response.status, response.read().decode(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        status, text, kind = error.code, error.read().decode(), error.headers.get("Content-Type", "")
    return status, (json.loads(text) if "json" in kind and text else text)
