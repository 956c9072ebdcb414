# Crucible's helper for Alembic projects (embedded in the crucible binary, run as `python3 -c`).
#
# Reads one job as JSON on standard input and renders each step offline — what
# `alembic upgrade <from>:<to> --sql` and `alembic downgrade <from>:<to> --sql` print — with the
# project's own alembic.ini, env.py and revision files, for one SQLAlchemy dialect URL.
# Writes one JSON line per step on the standard output it was started with; anything the project
# prints goes to standard error instead, so it cannot garble the answers.
#
# Offline rendering needs no database, so nothing here may reach one: sockets and SQLAlchemy
# engines refuse to connect, and an env.py that tries says so in the step's error.
import io
import json
import os
import signal
import socket
import sys
import traceback


class StepTimeout(BaseException):
    pass


class OfflineRefusal(RuntimeError):
    pass


def refuse(*args, **kwargs):
    raise OfflineRefusal(
        "Crucible renders Alembic offline (--sql) and refuses connections: env.py tried to "
        "connect to a database; make it call context.configure(url=...) when "
        "context.is_offline_mode() is true")


def forbid_connections():
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    from sqlalchemy.engine import base
    base.Engine.connect = refuse
    base.Engine.raw_connection = refuse
    base.Engine.begin = refuse


def where_in_project(error, project):
    # The innermost frame of the project's own files: versions/x.py:12 in upgrade.
    found = None
    for frame in traceback.extract_tb(error.__traceback__):
        if not frame.filename.startswith("<") and os.path.abspath(frame.filename).startswith(project + os.sep):
            found = frame
    if found is None:
        return ""
    return " (%s:%d in %s)" % (os.path.relpath(found.filename, project), found.lineno, found.name)


def describe(error, project):
    text = str(error).strip() or type(error).__name__
    if isinstance(error, SystemExit):
        text = "env.py or the revision called sys.exit(%s)" % (error.code,)
    elif not type(error).__module__.startswith("alembic"):
        text = "%s: %s" % (type(error).__name__, text)
    text += where_in_project(error, project)
    if isinstance(error, ImportError):
        text += ("; env.py or the revision imports what this Python lacks: name the Python of the "
                 "project's virtual environment with $CRUCIBLE_PYTHON=/path/to/venv/bin/python")
    return text


def render(job, emit):
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory

    forbid_connections()
    seen = {}
    configure = EnvironmentContext.configure

    def recording_configure(self, *args, **kwargs):
        result = configure(self, *args, **kwargs)
        context = self._migration_context
        seen["dialect"] = context.dialect.name
        seen["as_sql"] = bool(context.as_sql)
        seen["version_table"] = context.version_table
        seen["version_table_schema"] = context.version_table_schema
        return result

    EnvironmentContext.configure = recording_configure
    # One ScriptDirectory for every step: a fresh one would import all revision files again.
    scripts = {}
    from_config = ScriptDirectory.from_config.__func__

    def cached_from_config(cls, config):
        if "it" not in scripts:
            scripts["it"] = from_config(cls, config)
        return scripts["it"]

    ScriptDirectory.from_config = classmethod(cached_from_config)

    def on_alarm(signum, frame):
        raise StepTimeout()

    signal.signal(signal.SIGALRM, on_alarm)
    project = os.path.abspath(job["project"])
    for index, (direction, revisions) in enumerate(job["steps"]):
        buffer = io.StringIO()
        config = Config(job["ini"], output_buffer=buffer) if job["ini"] else Config(
            output_buffer=buffer)
        config.set_main_option("script_location", job["script_location"].replace("%", "%%"))
        config.set_main_option("sqlalchemy.url", job["url"])
        seen.clear()
        answer = {"step": index}
        signal.alarm(int(job["step_timeout"]))
        try:
            if direction == "upgrade":
                command.upgrade(config, revisions, sql=True)
            else:
                command.downgrade(config, revisions, sql=True)
            answer.update(seen)
            answer["sql"] = buffer.getvalue()
        except StepTimeout:
            answer["error"] = "Alembic did not finish rendering `%s %s --sql` within %d s" % (
                direction, revisions, job["step_timeout"])
        except BaseException as error:  # the project's code may raise anything, even SystemExit
            if isinstance(error, KeyboardInterrupt):
                raise
            answer["error"] = describe(error, project)
        finally:
            signal.alarm(0)
        emit(answer)


def main():
    job = json.loads(sys.stdin.read())
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # the project's prints go to standard error

    def emit(answer):
        answers.write(json.dumps(answer) + "\n")
        answers.flush()

    try:
        import alembic
        import sqlalchemy
    except ImportError as error:
        emit({"missing": str(error), "python": sys.executable})
        return
    emit({"alembic": alembic.__version__, "sqlalchemy": sqlalchemy.__version__,
          "python": sys.executable})
    if job["mode"] == "render":
        os.chdir(job["cwd"])
        sys.path.insert(0, job["cwd"])
        render(job, emit)
    emit({"done": True})


main()
