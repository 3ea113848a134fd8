/// Webhook payloads shaped like GitHub's (fields trimmed, structure and names as sent).
enum GitHubFixtures {
    static let repository = #"""
      "repository": {
        "id": 186853002, "node_id": "MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=", "name": "widgets",
        "full_name": "acme/widgets", "private": false,
        "owner": {"login": "acme", "id": 21031067, "type": "Organization", "site_admin": false},
        "html_url": "https://github.com/acme/widgets", "description": null, "fork": false,
        "url": "https://api.github.com/repos/acme/widgets",
        "clone_url": "https://github.com/acme/widgets.git", "ssh_url": "git@github.com:acme/widgets.git",
        "default_branch": "main", "open_issues_count": 3
      }
    """#

    static func sender(_ login: String, type: String = "User") -> String {
        #""sender": {"login": "\#(login)", "id": 21031067, "node_id": "MDQ6VXNlcjIxMDMxMDY3", "type": "\#(type)", "site_admin": false}"#
    }

    static func issue(number: Int = 42, author: String = "octocat", association: String = "MEMBER", labels: [String] = ["bug"], body: String = "The login button does nothing on Safari.", isPullRequest: Bool = false) -> String {
        let labelJSON = labels.map { #"{"id": 208045946, "name": "\#($0)", "color": "f29513", "default": false}"# }.joined(separator: ", ")
        let pullRequest = isPullRequest ? #""pull_request": {"url": "https://api.github.com/repos/acme/widgets/pulls/\#(number)", "html_url": "https://github.com/acme/widgets/pull/\#(number)"},"# : ""
        return #"""
          "issue": {
            "url": "https://api.github.com/repos/acme/widgets/issues/\#(number)",
            "html_url": "https://github.com/acme/widgets/issues/\#(number)",
            "id": 1, "node_id": "MDU6SXNzdWUx", "number": \#(number),
            "title": "Login button broken",
            "user": {"login": "\#(author)", "id": 1, "type": "User", "site_admin": false},
            "labels": [\#(labelJSON)],
            "state": "open", "locked": false, "assignee": null, "assignees": [], "milestone": null,
            "comments": 0, "created_at": "2025-06-01T10:00:00Z", "updated_at": "2025-06-01T10:05:00Z",
            "closed_at": null, \#(pullRequest)
            "author_association": "\#(association)",
            "body": "\#(body)"
          }
        """#
    }

    /// `issues` / `labeled`: a maintainer adds `label` to issue #42.
    static func issueLabeled(label: String = "cc01", association: String = "MEMBER", sender: String = "octocat", senderType: String = "User") -> String {
        #"""
        {
          "action": "labeled",
          \#(issue(association: association, labels: ["bug", label])),
          "label": {"id": 208045947, "node_id": "MDU6TGFiZWwyMDgwNDU5NDc=", "url": "https://api.github.com/repos/acme/widgets/labels/\#(label)", "name": "\#(label)", "color": "ededed", "default": false},
          \#(repository),
          \#(GitHubFixtures.sender(sender, type: senderType))
        }
        """#
    }

    /// `issues` / `opened`.
    static func issueOpened(body: String, association: String = "OWNER") -> String {
        #"""
        {
          "action": "opened",
          \#(issue(association: association, labels: [], body: body)),
          \#(repository),
          \#(sender("octocat"))
        }
        """#
    }

    /// `issue_comment` / `created` by `login` with `association`.
    static func issueComment(body: String, login: String = "stranger", association: String = "NONE", isPullRequest: Bool = false) -> String {
        #"""
        {
          "action": "created",
          \#(issue(association: "MEMBER", labels: ["backend"], isPullRequest: isPullRequest)),
          "comment": {
            "url": "https://api.github.com/repos/acme/widgets/issues/comments/1",
            "html_url": "https://github.com/acme/widgets/issues/42#issuecomment-1",
            "id": 1, "node_id": "MDEyOklzc3VlQ29tbWVudDE=",
            "user": {"login": "\#(login)", "id": 2, "type": "User", "site_admin": false},
            "created_at": "2025-06-01T11:00:00Z", "updated_at": "2025-06-01T11:00:00Z",
            "author_association": "\#(association)",
            "body": "\#(body)"
          },
          \#(repository),
          \#(sender(login))
        }
        """#
    }

    /// `pull_request_review_comment` / `created`.
    static func reviewComment(body: String, association: String = "COLLABORATOR") -> String {
        #"""
        {
          "action": "created",
          "comment": {
            "url": "https://api.github.com/repos/acme/widgets/pulls/comments/9",
            "html_url": "https://github.com/acme/widgets/pull/7#discussion_r9",
            "path": "Sources/App/Login.swift", "diff_hunk": "@@ -1,3 +1,4 @@\n let x = 1",
            "user": {"login": "reviewer", "id": 3, "type": "User"},
            "author_association": "\#(association)",
            "body": "\#(body)"
          },
          "pull_request": {
            "url": "https://api.github.com/repos/acme/widgets/pulls/7",
            "html_url": "https://github.com/acme/widgets/pull/7",
            "number": 7, "state": "open", "title": "Fix login",
            "user": {"login": "octocat", "id": 1, "type": "User"},
            "body": "Fixes #42", "labels": [{"name": "frontend"}],
            "author_association": "MEMBER"
          },
          \#(repository),
          \#(sender("reviewer"))
        }
        """#
    }

    /// `ping`, sent when a webhook is created.
    static let ping = #"""
    {
      "zen": "Design for failure.",
      "hook_id": 109948940,
      "hook": {"type": "Repository", "id": 109948940, "name": "web", "active": true, "events": ["*"],
               "config": {"content_type": "json", "insecure_ssl": "0", "url": "https://example.invalid/webhook"}},
      \#(repository),
      \#(sender("octocat"))
    }
    """#

    /// `push`: not a task event, forwarded to agents.
    static let push = #"""
    {
      "ref": "refs/heads/main", "before": "0000000000000000000000000000000000000000",
      "after": "1111111111111111111111111111111111111111", "created": false, "deleted": false,
      "commits": [], "head_commit": null,
      \#(repository),
      \#(sender("octocat"))
    }
    """#
}
