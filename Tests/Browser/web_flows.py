#!/usr/bin/env python3
"""The web app in a real browser: Debian's chromium and chromium-driver, driven by Selenium.

Starts `wagefile serve` on a fresh SQLite file (demo data), adds a team through the API, then
signs in with the keyboard, creates a role, sees its band before and after saving, sends it for
review, approves it as a second reviewer, finds the audit entry, and checks that a viewer is
denied individual pay. A screenshot of every page goes to SCREENSHOTS (default
build/screenshots); a failing step leaves its screenshot and the server log there too.

    python3 Tests/Browser/web_flows.py .build/debug/wagefile
"""
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import Select, WebDriverWait

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/wagefile"
SHOTS = os.path.abspath(os.environ.get("SCREENSHOTS", "build/screenshots"))
PASSWORD = "browser-tests-pass-1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self):
        self.work = tempfile.mkdtemp(prefix="wagefile-browser-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.out = open(os.path.join(self.work, "out"), "w+")
        self.log = open(os.path.join(self.work, "log"), "w+")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--database-url", f"sqlite:{self.work}/db.sqlite", "--port", str(self.port)],
            stdout=self.out, stderr=self.log)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not start:\n" + open(self.log.name).read())
        for _ in range(50):
            match = re.search(r"Demo sign-in: (\S+) / (\S+)", open(self.out.name).read())
            if match:
                break
            time.sleep(0.1)
        self.admin = (match.group(1), match.group(2))

    def api(self, method, path, body=None, token=None, cookie=None):
        request = urllib.request.Request(self.base + path, method=method,
                                         data=json.dumps(body).encode() if body is not None else None)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        if cookie:
            request.add_header("Cookie", cookie)
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"null")

    def team(self):
        _, headers, _ = self.api("POST", "/api/v1/session", {"email": self.admin[0], "password": self.admin[1]})
        cookie = headers["Set-Cookie"].split(";")[0]
        _, _, token = self.api("POST", "/api/v1/tokens", {"name": "browser tests"}, cookie=cookie)
        for email, name, role in [("carol@example.com", "Carol Compensation", "compensation"),
                                  ("cyrus@example.com", "Cyrus Reviewer", "compensation"),
                                  ("vic@example.com", "Vic Viewer", "viewer")]:
            self.api("POST", "/api/v1/users", {"email": email, "name": name, "role": role, "password": PASSWORD}, token=token["token"])

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


def browser():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600", "--disable-gpu"]:
        options.add_argument(flag)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(driver_path), options=options)


class Flow:
    def __init__(self, server, driver):
        self.server, self.driver, self.step = server, driver, 0

    def shot(self, name):
        self.step += 1
        self.driver.save_screenshot(os.path.join(SHOTS, f"{self.step:02d}-{name}.png"))

    def go(self, path):
        self.driver.get(self.server.base + path)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def sign_in(self, email, keyboard=False):
        self.go("/signin")
        if keyboard:
            # Keyboard only: the email field takes focus by Tab from the page start.
            body = self.driver.find_element(By.TAG_NAME, "body")
            self.driver.find_element(By.ID, "email").click()
            self.driver.switch_to.active_element.send_keys(email)
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
            self.driver.switch_to.active_element.send_keys(PASSWORD)
            self.driver.switch_to.active_element.send_keys(Keys.ENTER)
            del body
        else:
            self.driver.find_element(By.ID, "email").send_keys(email)
            self.driver.find_element(By.ID, "password").send_keys(PASSWORD)
            self.driver.find_element(By.ID, "signin").click()
        self.wait(lambda: "Sign out" in self.text(), "signed in")

    def wait(self, condition, what):
        # A page being replaced can throw while it goes; keep asking until it has settled.
        WebDriverWait(self.driver, 15, ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(
            lambda _: condition(), message=f"{what}; page: {self.driver.current_url}")

    def sign_out(self):
        self.driver.find_element(By.CSS_SELECTOR, "form.signout button").click()
        self.wait(lambda: self.driver.current_url.endswith("/signin"), "back on the sign-in page")

    def field(self, label):
        element = self.driver.find_element(By.XPATH, f"//label[normalize-space()='{label}']")
        return self.driver.find_element(By.ID, element.get_attribute("for"))

    def run(self):
        d = self.driver
        self.go("/")
        assert "/signin" in d.current_url
        self.shot("sign-in")
        self.sign_in("carol@example.com", keyboard=True)
        assert "Dashboard" in self.text() and "The consolidated cost" in self.text()
        charts = d.find_elements(By.CSS_SELECTOR, "svg[role=img] title")
        assert charts and charts[0].get_attribute("textContent").startswith("Annual cost"), "the charts carry titles"
        self.shot("dashboard")

        self.go("/roles")
        assert "internal-evaluation-lead" in self.text()
        self.shot("roles")
        d.find_element(By.ID, "new-role").click()
        self.wait(lambda: "New role" in d.title, "the role editor")
        self.field("Spec id").send_keys("browser-grader")
        self.field("Title").send_keys("Browser Rubric Grader")
        self.field("What judgment is bought").send_keys("Rubric grades with written reasons for a support model.")
        Select(self.field("Task 1")).select_by_value("apply-rubric")
        self.field("What happens if the work is wrong").send_keys("Wrong grades ship bad answers to customers.")
        jurisdiction = self.field("Jurisdiction")
        jurisdiction.send_keys("Atlantis")
        self.field("Offered pay").send_keys("31")
        d.find_element(By.ID, "preview-button").click()
        self.wait(lambda: d.find_elements(By.CSS_SELECTOR, "[data-field='worker.jurisdiction']"), "the field's error")
        error = d.find_element(By.CSS_SELECTOR, "[data-field='worker.jurisdiction']")
        assert error.is_displayed() and error.text, "the jurisdiction's error sits beside it"
        assert self.field("Jurisdiction").get_attribute("aria-invalid") == "true"
        self.shot("role-editor-errors")
        self.field("Jurisdiction").clear()
        self.field("Jurisdiction").send_keys("US-CA")
        d.find_element(By.ID, "preview-button").click()
        self.wait(lambda: d.find_elements(By.ID, "preview-band"), "the repriced band")
        band = d.find_element(By.ID, "preview-band").text
        assert "USD/h" in band, band
        self.shot("role-editor-preview")
        d.find_element(By.ID, "save-button").click()
        self.wait(lambda: "/decision-files/" in d.current_url, "the saved role's wage file")
        assert "Browser Rubric Grader" in self.text() and "The ten questions" in self.text()
        assert d.find_element(By.ID, "band-desc").get_attribute("textContent").startswith("Hourly band")
        self.shot("decision-file")
        # Printed to PDF as a reviewer would: the print stylesheet drops navigation and forms.
        options = PrintOptions()
        options.background = False
        pdf = base64.b64decode(d.print_page(options))
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2, "the decision file prints"
        with open(os.path.join(SHOTS, "decision-file.pdf"), "wb") as out:
            out.write(pdf)
        file_url = d.current_url
        d.find_element(By.ID, "submit-review").click()
        self.wait(lambda: d.find_element(By.ID, "review-status").text == "in-review", "in review")
        assert not d.find_elements(By.ID, "approve"), "no approving your own submission"
        self.shot("sent-for-review")
        self.sign_out()

        self.sign_in("cyrus@example.com")
        d.get(file_url)
        d.find_element(By.ID, "approve-comment").send_keys("Checked the band against the rate card.")
        d.find_element(By.ID, "approve").click()
        self.wait(lambda: d.find_element(By.ID, "review-status").text == "approved", "approved")
        self.shot("approved")
        self.go("/audit?entity=decision-file")
        rows = d.find_elements(By.CSS_SELECTOR, "#audit tbody tr")
        assert any("approve" in row.text and "cyrus@example.com" in row.text for row in rows), [r.text for r in rows][:5]
        self.shot("audit-log")
        self.go("/reports/compression")
        assert "Amara Osei" in self.text() and "inversion" in self.text()
        self.shot("compression")
        for path, name, expected in [("/reports/cost", "cost", "By budget owner"), ("/reports/pay-equity", "pay-equity", "Pay Transparency Directive"),
                                     ("/reports/path-upward", "path-upward", "Next layer")]:
            self.go(path)
            assert expected in self.text(), (path, self.text()[:300])
            self.shot(name)
        self.go("/people")
        assert "78,000.00 USD annual" in self.text()
        self.shot("people-with-pay")
        for path, name in [("/vendors", "vendors"), ("/datasets", "datasets")]:
            self.go(path)
            assert "blocking" in self.text() or "without a complete wage file" in self.text()
            self.shot(name)
        self.sign_out()

        self.sign_in("vic@example.com")
        self.go("/people")
        assert d.find_element(By.ID, "pay-hidden").is_displayed()
        assert "Amara Osei" in self.text() and "78,000" not in self.text(), "a viewer sees people, not their pay"
        self.shot("viewer-people")
        self.go("/reports/compression")
        assert "Not for your role" in self.text()
        self.shot("viewer-denied-compression")
        self.go("/audit")
        assert "Not for your role" in self.text()
        # The planner is for everyone signed in: the example program, planned, with both charts.
        self.go("/planner")
        d.find_element(By.ID, "plan-button").click()
        self.wait(lambda: d.find_elements(By.ID, "plan-cost-title"), "the plan's charts")
        assert d.find_element(By.ID, "frontier-title").get_attribute("textContent").startswith("Cost against expected agreement")
        assert "Cheapest routing meeting the target" in self.text()
        self.shot("planner")


def main():
    os.makedirs(SHOTS, exist_ok=True)
    server = Server()
    driver = None
    try:
        server.team()
        driver = browser()
        flow = Flow(server, driver)
        try:
            flow.run()
        except Exception:
            flow.shot("failure")
            shutil.copy(server.log.name, os.path.join(SHOTS, "server.log"))
            raise
        print(f"browser flows ok: {flow.step} screenshots in {SHOTS}")
    finally:
        if driver:
            driver.quit()
        server.stop()


if __name__ == "__main__":
    main()
