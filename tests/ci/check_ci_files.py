#!/usr/bin/env python3
"""Parses docker-compose.yml and the CI templates as YAML and checks what the docs promise.

There is no Docker engine on Crucible's CI machines, so nothing here starts a container: it checks
that the files parse, that every service the README and ci/compose-up.sh mention is defined with
a health check on a loopback port, and that the templates wire up the engines and the reports.
Exit 0: all good; 1: a check failed (each failure printed); 77: no YAML module (skipped) unless
CI=true.
"""
import os
import re
import sys

try:
    import yaml
except ImportError:
    print("python3-yaml is not installed")
    sys.exit(1 if os.environ.get("CI") == "true" else 77)

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def load(path):
    with open(os.path.join(ROOT, path)) as f:
        return yaml.safe_load(f)


def read(path):
    with open(os.path.join(ROOT, path)) as f:
        return f.read()


# docker-compose.yml: the engines, healthy, on loopback, at the versions the issue names.
compose = load("docker-compose.yml")
services = compose.get("services", {})
expected_images = {"postgres": "postgres:16", "mysql": "mysql:8.4", "mariadb": "mariadb:11",
                   "db2": "icr.io/db2_community/db2"}
for name, image in expected_images.items():
    service = services.get(name)
    check(service is not None, f"docker-compose.yml: no service {name}")
    if service is None:
        continue
    check(service.get("image") == image, f"docker-compose.yml: {name} image is {service.get('image')}, not {image}")
    check("test" in service.get("healthcheck", {}), f"docker-compose.yml: {name} has no health check")
    ports = service.get("ports", [])
    check(ports and all(str(p).startswith("127.0.0.1:") for p in ports),
          f"docker-compose.yml: {name} ports {ports} are not bound to 127.0.0.1")
    for volume in service.get("volumes", []):
        source = str(volume).split(":")[0]
        check(os.path.exists(os.path.join(ROOT, source)),
              f"docker-compose.yml: {name} mounts {source}, which does not exist")

# Every service the docs mention is defined, and every DSN variable names one.
readme = read("README.md")
compose_up = read("ci/compose-up.sh")
mentioned = set()
for text in (readme, compose_up):
    for match in re.finditer(r"docker compose up(?: -d)?((?: [a-z0-9_-]+)+)", text):
        mentioned.update(match.group(1).split())
    for match in re.finditer(r"compose-up\.sh((?: [a-z0-9_-]+)+)", text):
        mentioned.update(match.group(1).split())
default = re.search(r"services=\(([a-z0-9 _-]+)\)", compose_up)
check(default is not None, "ci/compose-up.sh: no default services=(...) list")
if default:
    mentioned.update(default.group(1).split())
for text, where in ((read("docker-compose.yml"), "docker-compose.yml"), (compose_up, "ci/compose-up.sh")):
    for engine in re.findall(r"CRUCIBLE_([A-Z0-9]+)_URL", text):
        mentioned.add(engine.lower())
mentioned.discard("-d")
for name in sorted(mentioned):
    check(name in services, f"the docs mention service {name!r}, which docker-compose.yml does not define")
check(mentioned >= set(expected_images), f"ci/compose-up.sh does not start {set(expected_images) - mentioned}")

# GitHub Actions: an engine matrix with a service per server engine, JUnit, SARIF, job summary.
github = load("ci/github-actions.yml")
on = github.get("on", github.get(True))  # YAML 1.1 reads a bare `on` as true
check(on is not None and "pull_request" in on, "ci/github-actions.yml: does not run on pull requests")
verify = github.get("jobs", {}).get("verify", {})
engines = verify.get("strategy", {}).get("matrix", {}).get("engine", [])
check(set(engines) >= {"sqlite", "postgres", "mariadb"}, f"ci/github-actions.yml: engine matrix is {engines}")
for engine in engines:
    if engine != "sqlite":
        check(engine in verify.get("services", {}), f"ci/github-actions.yml: no service container for {engine}")
        check(f"CRUCIBLE_{engine.upper()}_URL" in verify.get("env", {}),
              f"ci/github-actions.yml: no CRUCIBLE_{engine.upper()}_URL for {engine}")
steps = verify.get("steps", [])
uses = [s.get("uses", "") for s in steps]
runs = "\n".join(s.get("run", "") for s in steps)
check(any(u.startswith("github/codeql-action/upload-sarif") for u in uses), "ci/github-actions.yml: no SARIF upload")
check(any("junit" in u for u in uses), "ci/github-actions.yml: no JUnit report step")
check("GITHUB_STEP_SUMMARY" in runs, "ci/github-actions.yml: the Markdown summary is not the job summary")
for flag in ("--junit", "--sarif", "--markdown", "--json", "--html"):
    check(flag in runs, f"ci/github-actions.yml: verify does not write {flag}")
check("security-events" in github.get("permissions", {}), "ci/github-actions.yml: SARIF upload needs security-events: write")
check("crucible report" in "\n".join(s.get("run", "") for s in github["jobs"].get("report", {}).get("steps", []))
      or "/crucible report" in read("ci/github-actions.yml"), "ci/github-actions.yml: no merged report")

# GitLab CI: a verify job per engine with services and artifacts:reports:junit.
gitlab = load("ci/gitlab-ci.yml")
job = gitlab.get("verify", {})
check("junit" in job.get("artifacts", {}).get("reports", {}), "ci/gitlab-ci.yml: no artifacts:reports:junit")
matrix = job.get("parallel", {}).get("matrix", [{}])
gl_engines = [e for entry in matrix for e in entry.get("ENGINE", [])]
check(set(gl_engines) >= {"sqlite", "postgres", "mariadb"}, f"ci/gitlab-ci.yml: engine matrix is {gl_engines}")
aliases = {s.get("alias") if isinstance(s, dict) else s for s in job.get("services", [])}
for engine in gl_engines:
    if engine != "sqlite":
        check(engine in aliases, f"ci/gitlab-ci.yml: no service for {engine}")
        check(f"CRUCIBLE_{engine.upper()}_URL" in job.get("variables", {}),
              f"ci/gitlab-ci.yml: no CRUCIBLE_{engine.upper()}_URL")

# The Docker template: the DB2 job must really take the DB2 path (IBM's driver registered under
# the name db2:// asks for, the compose service started, --privileged since DB2 logins are not
# SQL's to create, the DSN the compose service serves), and no step may be a test run that
# selects nothing (ctest passes on "No tests were found").
docker = load("ci/github-actions-docker-engines.yml")
db2_job = docker.get("jobs", {}).get("db2", {})
db2_runs = "\n".join(s.get("run", "") for s in db2_job.get("steps", []))
db2_env = {**db2_job.get("env", {}), **{k: v for s in db2_job.get("steps", []) for k, v in s.get("env", {}).items()}}
check("docker compose up" in db2_runs and " db2" in db2_runs, "docker template: db2 job does not start the db2 service")
check("[IBM DB2 ODBC DRIVER]" in db2_runs and "libdb2o.so" in db2_runs,
      "docker template: IBM's driver is not registered as [IBM DB2 ODBC DRIVER]")
check('"IBM DB2 ODBC DRIVER"' in read("harness/engines/db2/db2_facts.cc"),
      "db2_facts.cc no longer asks for the driver name the docker template registers")
db2_verify = [line for line in db2_runs.replace("\\\n", " ").splitlines() if "crucible verify" in line]
check(db2_verify and all("--engine db2" in v and "--privileged" in v for v in db2_verify),
      f"docker template: db2 verify runs without --engine db2 --privileged: {db2_verify}")
db2_env_url = db2_env.get("CRUCIBLE_DB2_URL", "")
db2_service = compose.get("services", {}).get("db2", {}).get("environment", {})
check(db2_env_url == f"db2://db2inst1:{db2_service.get('DB2INST1_PASSWORD')}@127.0.0.1:50000/{db2_service.get('DBNAME')}",
      f"docker template: CRUCIBLE_DB2_URL {db2_env_url!r} is not what the compose db2 service serves")
for job_name, job_body in docker.get("jobs", {}).items():
    for step in job_body.get("steps", []):
        for match in re.finditer(r"ctest [^\n]*-R '([^']*)'", step.get("run", "")):
            check("--no-tests=error" in step.get("run", ""),
                  f"docker template: job {job_name} runs ctest -R '{match.group(1)}' without --no-tests=error")

# The README documents both templates.
for template in ("ci/github-actions.yml", "ci/gitlab-ci.yml", "ci/compose-up.sh"):
    check(template in readme, f"README.md does not mention {template}")
check("## CI integration" in readme, "README.md has no \"CI integration\" section")

for failure in failures:
    print("FAIL", failure)
print(f"{len(failures)} failures; services mentioned: {sorted(mentioned)}")
sys.exit(1 if failures else 0)
