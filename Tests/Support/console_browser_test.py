"""The console (/ui) used as a person would, in headless Chromium: run by ConsoleBrowserTests.

    console_browser_test.py --url http://127.0.0.1:PORT --token T --fast-agent CC01
        --slow-agent CC02 --screenshots DIR

The cluster must be running with two agents: the fast one finishes a task in a moment, the
slow one takes minutes (a stand-in runner with a delay). The script checks, in order:
the page loads with no console error; a task submitted through the form runs live to
succeeded; its detail shows the transcript (tool calls folded) and the branch; a long task
is cancelled from its detail and retried into a new task; an agent paused from its view
gets no new task until it is resumed; the task list filters and searches. It writes a
screenshot of each view into DIR and prints one JSON report as its last line:
{"checks": [{"name", "ok", "detail"}], "errors": [console errors], "screenshots": [...]}.
It stops at the first failed check, since later ones build on earlier ones.
"""

import argparse
import json
import sys
import time
import uuid

sys.path.insert(0, __import__("os").path.dirname(__file__))
from console_driver import Browser, call  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402


class CheckFailed(Exception):
    pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", default="")
    parser.add_argument("--fast-agent", required=True)
    parser.add_argument("--slow-agent", required=True)
    parser.add_argument("--screenshots", default="")
    args = parser.parse_args()
    report = {"checks": [], "errors": [], "screenshots": []}
    browser = None
    try:
        browser = Browser()
        Scenario(browser, args, report).run()
    except CheckFailed:
        pass
    except Exception as error:  # the browser could not start, or a step broke unexpectedly
        report["checks"].append({"name": "the scenario ran", "ok": False, "detail": f"{type(error).__name__}: {error}"})
    finally:
        if browser:
            try:
                browser.console_errors()
            except Exception:
                pass
            report["errors"] = browser.errors
            browser.close()
    print(json.dumps(report))


class Scenario:
    def __init__(self, browser, args, report):
        self.browser = browser
        self.driver = browser.driver
        self.args = args
        self.report = report
        self.url = args.url.rstrip("/")
        self.words = uuid.uuid4().hex[:8]

    # ---- helpers ----

    def check(self, name, body):
        """Runs one check; a failure is reported with a screenshot and stops the scenario."""
        try:
            detail = body()
            errors = self.browser.console_errors()
            if errors:
                raise AssertionError("console errors: " + " | ".join(errors))
            self.report["checks"].append({"name": name, "ok": True, "detail": detail or ""})
        except Exception as error:
            self.shot("failed-" + name.split(":")[0].replace(" ", "-"))
            self.report["checks"].append({"name": name, "ok": False, "detail": f"{type(error).__name__}: {error}"})
            raise CheckFailed() from error

    def shot(self, name):
        path = self.browser.screenshot(self.args.screenshots, name)
        if path:
            self.report["screenshots"].append(path)

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def finds(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait(self, description, condition, timeout=30):
        return self.browser.wait_for(description, condition, timeout=timeout)

    def state(self):
        return self.find("#task-state").get_attribute("data-state")

    def api(self, method, path, body=None):
        return call(self.url, self.args.token, method, path, body)

    def open(self, hash_path):
        self.driver.execute_script("location.hash = arguments[0]", hash_path)

    def submit_through_form(self, title, target, task_type="feature", priority="high"):
        self.find('nav a[data-nav="submit"]').click()
        self.wait("the submit form", lambda: self.finds("#submit-title"))
        self.wait("the agents in the target list", lambda: self.finds(f'#submit-target option[value="{target}"]'))
        self.find("#submit-title").send_keys(title)
        self.find("#submit-description").send_keys("Submitted by the console's browser test.")
        self.find("#submit-type").send_keys(task_type)
        Select(self.find("#submit-target")).select_by_value(target)
        Select(self.find("#submit-priority")).select_by_value(priority)
        self.find("#submit-button").click()
        self.wait("the new task's detail", lambda: self.driver.execute_script("return location.hash").startswith("#/tasks/"))
        task_id = self.driver.execute_script("return decodeURIComponent(location.hash.slice('#/tasks/'.length))")
        self.wait("the task's state badge", lambda: self.finds("#task-state"))
        return task_id

    # ---- the scenario ----

    def run(self):
        self.browser.sign_in(self.url, self.args.token)
        self.check("the page loads with no console error", self.loads)
        self.check("a task submitted through the form runs live to succeeded", self.submit_runs_live)
        self.check("its detail shows the transcript and the branch", self.transcript_and_branch)
        self.check("a long task is cancelled from its detail", self.cancel_long_task)
        self.check("retry opens a new task with the same spec", self.retry)
        self.check("a paused agent gets no new task until resumed", self.pause_and_resume)
        self.check("the task list filters by state and agent and searches titles", self.task_list)
        self.check("the overview charts the last hour", self.overview_charts)

    def loads(self):
        self.driver.get(self.url + "/ui")
        for agent in (self.args.fast_agent, self.args.slow_agent):
            self.wait(f"{agent}'s card", lambda: self.finds(f'#agents .card[data-agent="{agent}"]'))
        self.wait("the broker badge", lambda: "broker up" in self.find("#broker").text)
        self.wait("the four charts", lambda: len(self.finds("#charts figure")) == 4)
        # Set on the page once: still there at the end means nothing below reloaded it.
        self.driver.execute_script("window.consoleTestMarker = 'same page'")
        self.shot("overview")
        title = self.driver.title
        if title != "Claude Code Cluster":
            raise AssertionError(f"title is {title!r}")

    def submit_runs_live(self):
        self.fast_task = self.submit_through_form(f"Console smoke {self.words}", self.args.fast_agent)
        seen = []

        def succeeded():
            current = self.state()
            if not seen or seen[-1] != current:
                seen.append(current)
            return current == "succeeded"

        self.wait("the task to succeed on the page", succeeded, timeout=90)
        self.wait("the progress lines", lambda: self.finds("#progress li[data-key]"))
        if self.driver.execute_script("return window.consoleTestMarker") != "same page":
            raise AssertionError("the page reloaded instead of updating live")
        status, detail = self.api("GET", "/tasks/" + self.fast_task)
        if status != 200 or detail["task"]["state"] != "succeeded":
            raise AssertionError(f"the bridge says {status} {detail}")
        return "states seen: " + " → ".join(seen)

    def transcript_and_branch(self):
        branch = self.wait("the branch", lambda: self.finds("#task-branch") and self.find("#task-branch").text)
        if not branch.lower().startswith(self.args.fast_agent.lower() + "/"):
            raise AssertionError(f"branch {branch!r}")
        self.wait("the transcript's text", lambda: "I'll record this task" in self.find("#transcript").text, timeout=15)
        tool = self.wait("a folded tool call", lambda: self.finds("#transcript details.tool"))[0]
        if tool.get_attribute("open") is not None:
            raise AssertionError("the tool call is not folded")
        if "Bash" not in tool.find_element(By.TAG_NAME, "summary").text:
            raise AssertionError("the tool call's summary does not name the tool")
        tool.find_element(By.TAG_NAME, "summary").click()
        self.wait("the unfolded tool call", lambda: "CHANGES-BY-AGENTS.md" in tool.text)
        if not self.finds('#attempts li[data-attempt="1"]'):
            raise AssertionError("no attempt in the timeline")
        self.shot("task-detail")
        return branch

    def cancel_long_task(self):
        self.slow_task = self.submit_through_form(f"Console long {self.words}", self.args.slow_agent, priority="normal")
        self.wait("the long task to run", lambda: self.state() == "running", timeout=60)
        self.wait("its first progress line", lambda: self.finds("#progress li[data-key]"), timeout=30)
        self.find("#task-cancel").click()
        self.wait("the confirmation", lambda: self.driver.switch_to.alert).accept()
        self.wait("the task to show cancelled", lambda: self.state() == "cancelled", timeout=30)
        status, detail = self.api("GET", "/tasks/" + self.slow_task)
        if detail["task"]["state"] != "cancelled":
            raise AssertionError(f"the bridge says {detail['task']['state']}")
        self.wait("the cancel button to be disabled", lambda: not self.find("#task-cancel").is_enabled())
        self.shot("task-cancelled")

    def retry(self):
        self.find("#task-retry").click()
        self.wait("the new task's detail", lambda: self.driver.execute_script("return location.hash") not in ("", "#/tasks/" + self.slow_task))
        retried = self.driver.execute_script("return decodeURIComponent(location.hash.slice('#/tasks/'.length))")
        self.wait("the new task's title", lambda: self.find("#task-title").text == f"Console long {self.words}")
        # It would run for minutes on the slow agent: cancelled through the API.
        self.api("DELETE", "/tasks/" + retried)
        self.wait("the retried task to end", lambda: self.state() == "cancelled", timeout=30)
        return retried

    def pause_and_resume(self):
        agent = self.args.fast_agent
        self.open("#/agents/" + agent)
        self.wait("the agent view", lambda: self.find("#agent-pause-state").get_attribute("data-state") == "running")
        self.find("#agent-pause").click()
        self.wait("the agent to show paused", lambda: self.find("#agent-pause-state").get_attribute("data-state") == "paused")
        status, accepted = self.api("POST", "/task", {"title": f"Console while paused {self.words}", "target": agent})
        if status != 202:
            raise AssertionError(f"submit answered {status} {accepted}")
        waiting = accepted["task_id"]
        # The agent is idle and the only one it may go to: over three seconds it must stay queued.
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            state = self.api("GET", "/tasks/" + waiting)[1]["task"]["state"]
            if state != "queued":
                raise AssertionError(f"the paused agent got the task: it is {state}")
            time.sleep(0.2)
        self.shot("agent-paused")
        self.find("#agent-resume").click()
        self.wait("the agent to show running", lambda: self.find("#agent-pause-state").get_attribute("data-state") == "running")
        self.wait("the waiting task to succeed", lambda: self.api("GET", "/tasks/" + waiting)[1]["task"]["state"] == "succeeded", timeout=60)
        self.wait("the task in the agent's recent list", lambda: self.finds(f'#agent-detail tr[data-task-id="{waiting}"]'), timeout=10)
        self.shot("agent")
        return waiting

    def task_list(self):
        self.find('nav a[data-nav="tasks"]').click()
        self.wait("the task rows", lambda: self.finds(f'#task-rows tr[data-task-id="{self.fast_task}"]'))
        Select(self.find("#filter-state")).select_by_value("cancelled")
        self.wait("only cancelled tasks", lambda: self.finds("#task-rows tr[data-task-id]") and all(
            row.get_attribute("data-state") == "cancelled" for row in self.finds("#task-rows tr[data-task-id]")))
        Select(self.find("#filter-state")).select_by_value("")
        Select(self.find("#filter-agent")).select_by_value(self.args.slow_agent)
        self.wait("the slow agent's tasks", lambda: self.finds(f'#task-rows tr[data-task-id="{self.slow_task}"]')
                  and not self.finds(f'#task-rows tr[data-task-id="{self.fast_task}"]'))
        Select(self.find("#filter-agent")).select_by_value("")
        self.wait("every agent's tasks again", lambda: self.finds(f'#task-rows tr[data-task-id="{self.fast_task}"]'))
        self.find("#filter-search").send_keys(f"smoke {self.words}")
        self.wait("one row for the search", lambda: [row.get_attribute("data-task-id") for row in self.finds("#task-rows tr[data-task-id]")] == [self.fast_task])
        self.shot("task-list")
        self.find("#filter-search").clear()
        self.driver.execute_script("document.getElementById('filter-search').dispatchEvent(new Event('input'))")

    def overview_charts(self):
        self.find('nav a[data-nav="overview"]').click()
        bars = self.wait("bars in the throughput chart", lambda: self.finds("#charts figure:first-child rect"))
        self.shot("overview-after")
        # The same page in the dark theme, as a system set to dark shows it.
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        background = self.driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        if background != "rgb(15, 18, 23)":
            raise AssertionError(f"the dark theme did not apply: the background is {background}")
        self.shot("overview-dark")
        return f"{len(bars)} bar(s)"


if __name__ == "__main__":
    main()
