"""Load and validate ``grading.yml``.

The schema lives in ``grading.schema.json`` (JSON Schema, checked with the
``jsonschema`` library). Errors are turned into one line that names the file,
the key path, what was expected, what was found, and the nearest valid key.
"""
from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from grader import kits
from grader.messages import Language, Message


class ConfigError(Exception):
    """A problem with grading.yml; ``str()`` is a one-line, user-facing reason."""


@dataclass(frozen=True)
class AssignmentConfig:
    id: str
    title: Message
    files: tuple[str, ...]
    tests: dict[str, float]  # test function name -> points
    tests_dir: Path
    call_timeout: float
    time_limit: float
    memory_mb: int
    output_kb: int
    disk_mb: int  # what the student's code may write into its copy of the submission, in all
    params: dict[str, float] = field(default_factory=dict)  # numbers hidden tests read (thresholds)
    kit: str | None = None  # grader.kits.<kit>: what this assignment type needs beyond the engine
    training: dict[str, Any] | None = None  # the kit's settings (the Keras kit's trainer), defaults filled in
    notebook_run_all: bool = False  # a notebook submission runs every top-level statement (default: definitions only)
    deadline: str | None = None  # when it is due (ISO 8601; without an offset, in late_policy.timezone)

    def settings(self) -> dict[str, Any]:
        """What hidden tests and their warm-up hooks read: ``params``, plus ``training`` when set."""
        return {**self.params, **({"training": dict(self.training)} if self.training else {})}

    @property
    def max_score(self) -> float:
        return float(sum(self.tests.values()))

    @property
    def modules(self) -> tuple[str, ...]:
        return tuple(f[:-3] for f in self.files)


@dataclass(frozen=True)
class SimilaritySettings:
    """``grade similarity``'s settings (grading.yml ``similarity:``). The engine knows no assignment,
    so what code every student may use (the book's, the stubs) is named here, not in the code."""

    threshold: float = 0.5  # a pair is shown when either side's matching share is at least this
    min_tokens: int = 100  # and at least this many of a student's own tokens match (shared imports are no finding)
    base: tuple[Path, ...] = ()  # folders of code everyone may use (resolved against the course folder)
    stubs: Path | None = None  # the stubs' folder, <stubs>/<assignment id>/ (default: <course>/assignments)


@dataclass(frozen=True)
class RosterSettings:
    """grading.yml ``roster:``: the class roster a TA already has (GitHub Classroom's or an LMS's export,
    :mod:`grader.submissions.roster`). ``None`` columns: found from a known export's header."""

    file: str  # course-relative
    match: str | None = None  # the column submissions are matched on
    student_id: str | None = None
    name: str | None = None
    prefix: str = ""  # the GitHub Classroom assignment prefix (clones are <prefix>-<login>)

    def columns(self) -> dict[str, str]:
        """The columns grading.yml names, as :func:`grader.submissions.roster.load` takes them."""
        named = {"match": self.match, "student_id": self.student_id, "name": self.name}
        return {k: v for k, v in named.items() if v is not None}


@dataclass(frozen=True)
class LatePolicy:
    """grading.yml ``late_policy:`` (:mod:`grader.run.schedule`, :mod:`grader.results.late`).
    ``configured``: whether the section says anything at all (without it and without deadlines,
    nothing about time is graded)."""

    configured: bool = False
    timezone: str = "Asia/Seoul"
    grace_minutes: float = 0.0
    penalty_per_day: float = 0.0
    max_penalty: float = 100.0
    late: Literal["accept", "reject"] = "accept"
    extensions: str | None = None  # course-relative extensions file
    times: str | None = None  # course-relative hand-in times file


@dataclass(frozen=True)
class TlsFiles:
    """grading.yml ``cluster.tls``: grade's side of TLS with a Dask scheduler (absolute paths)."""

    ca_file: Path
    cert: Path
    key: Path


@dataclass(frozen=True)
class SlurmSettings:
    """grading.yml ``cluster.slurm``: the Slurm jobs ``grade --cluster slurm`` submits, each a Dask
    worker process per core (:mod:`grader.run.slurm`)."""

    partition: str | None = None
    account: str | None = None
    jobs: int = 2
    cores: int = 2
    memory: str = "4GB"
    walltime: str = "01:00:00"
    gpus_per_job: int = 0
    python: str | None = None  # the workers' interpreter (default: grade's own)
    start_timeout: float = 600.0  # seconds grade waits for the first worker
    job_extra: tuple[str, ...] = ()


@dataclass(frozen=True)
class SshSettings:
    """grading.yml ``cluster.ssh``: the hosts ``grade --cluster ssh`` starts a scheduler and workers on
    (:mod:`grader.run.ssh`)."""

    hosts: tuple[str, ...] = ()
    scheduler: str | None = None  # default: the first of hosts
    workers_per_host: int = 2
    gpu_hosts: tuple[str, ...] = ()
    python: str | None = None


@dataclass(frozen=True)
class ClusterSettings:
    """grading.yml ``cluster:`` (:mod:`grader.run.cluster`)."""

    tls: TlsFiles | None = None
    slurm: SlurmSettings = field(default_factory=SlurmSettings)
    ssh: SshSettings = field(default_factory=SshSettings)


@dataclass(frozen=True)
class GradescopeSettings:
    """grading.yml ``gradescope``: when students see their score and each test on Gradescope (its
    ``visibility`` values: hidden, after_due_date, after_published, visible; the schema checks them)."""

    visibility: str = "visible"
    test_visibility: str = "visible"


@dataclass(frozen=True)
class Config:
    path: Path
    root: Path  # the folder holding grading.yml, tests/ and reference/
    language: Language
    assignments: dict[str, AssignmentConfig]
    gradescope: GradescopeSettings = field(default_factory=GradescopeSettings)  # for --format gradescope
    roster: RosterSettings | None = None  # None: no roster: in grading.yml (--roster may still give one)
    late_policy: LatePolicy = field(default_factory=LatePolicy)
    sandbox_namespaces: bool = True  # false: skip namespaces even as root (they are also skipped when refused)
    sandbox_uids: tuple[int, int] = (2_000_000_000, 1000)  # first uid, how many (grader.sandbox.uids)
    oracle_memory_mb: int = 4096  # address-space limit of the oracle process
    similarity: SimilaritySettings = field(default_factory=SimilaritySettings)  # grade similarity
    cluster: ClusterSettings = field(default_factory=ClusterSettings)  # grade --cluster

    @property
    def reference_dir(self) -> Path:
        return self.root / "reference"

    def private_paths(self) -> list[Path]:
        """What of the course no student code may read, for permissions to hide without namespaces
        (:mod:`grader.sandbox.permissions`): the hidden suites, the references, grading.yml, the git
        history, and what the kits keep private (every place a data set may be read from)."""
        return [self.reference_dir, self.root / "tests", *(a.tests_dir for a in self.assignments.values()), self.path,
                self.root / "grading.yml", self.root / ".git", *kits.private_paths(self.assignments.values())]


DEFAULTS = {"call_timeout": 10.0, "time_limit": 120.0, "memory_mb": 1024, "output_kb": 16, "disk_mb": 100}


def _schema() -> dict:
    return json.loads(resources.files("grader.config").joinpath("grading.schema.json").read_text("utf-8"))


def _key_path(path: Any) -> str:
    parts = [str(p) for p in path]
    return ".".join(parts) if parts else "(top level)"


def _resolve(schema: dict, root: dict) -> dict:
    ref = schema.get("$ref")
    if ref and ref.startswith("#/"):
        node: Any = root
        for part in ref[2:].split("/"):
            node = node[part]
        return node
    return schema


def _describe(value: Any) -> str:
    kind = {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean",
            int: "an integer", float: "a number", type(None): "nothing (null)"}.get(type(value), type(value).__name__)
    shown = repr(value)
    return kind if isinstance(value, (dict, list)) or len(shown) > 40 else f"{kind} {shown}"


def _format_error(error: Any, root_schema: dict) -> str:
    where = _key_path(error.absolute_path)
    schema = _resolve(error.schema, root_schema)
    v = error.validator
    if v == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(schema.get("properties", {}))
        extra = [k for k in error.instance if k not in schema.get("properties", {})]
        key = extra[0] if extra else "?"
        near = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.5)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        return (f"{where}: unknown key '{key}'; expected one of {', '.join(allowed)}{hint}")
    if v == "required":
        return f"{where}: {error.message.replace('is a required property', 'is missing (required)')}"
    if v == "enum":
        options = [str(o) for o in error.validator_value]
        near = difflib.get_close_matches(str(error.instance), options, n=1, cutoff=0.3)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        return f"{where}: expected one of {', '.join(options)}, found {_describe(error.instance)}{hint}"
    if v == "type":
        return f"{where}: expected {error.validator_value}, found {_describe(error.instance)}"
    if v == "const":
        return f"{where}: expected {error.validator_value!r}, found {_describe(error.instance)}"
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        sign = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}[v]
        return f"{where}: expected a number {sign} {error.validator_value}, found {_describe(error.instance)}"
    if v == "propertyNames":
        pattern = error.schema.get("pattern", "")
        return f"{where}: key {error.instance!r} does not match the required form {pattern}"
    if v == "pattern" and schema.get("description"):
        return f"{where}: expected {schema['description']}, found {_describe(error.instance)}"
    if v == "pattern":
        return f"{where}: {error.instance!r} does not match the required form {error.validator_value}"
    if v in ("minItems", "minProperties", "minLength"):
        return f"{where}: must not be empty"
    if v == "uniqueItems":
        return f"{where}: has duplicate entries"
    return f"{where}: {error.message}"


def _error_sort_key(error: Any) -> tuple:
    return (len(error.absolute_path), _key_path(error.absolute_path))


def _parse_yaml(text: str) -> Any:
    """``yaml.safe_load``, through LibYAML's parser where PyYAML has it (a tenth of the time: every
    oracle reads grading.yml). Its errors word things differently, so a file it refuses is read again
    by the pure-Python parser, whose error the TA gets."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None:
        try:
            return yaml.load(text, Loader=loader)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def load(path: str | Path, root: str | Path | None = None, validate: bool = True) -> Config:
    """Load ``path``. ``root`` (default: its folder) is where tests/ and reference/ live.

    ``validate=False`` is for the oracle process, which loads a file the engine
    has just validated (and so skips importing jsonschema).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from None
    try:
        data = _parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}: invalid YAML{at}: {problem}") from None
    if isinstance(data, dict) and isinstance(data.get("assignments"), dict):
        for a in data["assignments"].values():
            if isinstance(a, dict) and "deadline" in a and hasattr(a["deadline"], "isoformat"):
                a["deadline"] = _time_text(a["deadline"])
    section = data.get("cluster") if isinstance(data, dict) else None
    slurm = section.get("slurm") if isinstance(section, dict) else None
    if isinstance(slurm, dict) and type(slurm.get("walltime")) is int:  # YAML 1.1 reads 1:30:00 as 5400 (base 60)
        slurm["walltime"] = "{}:{:02d}:{:02d}".format(slurm["walltime"] // 3600, slurm["walltime"] // 60 % 60,
                                                      slurm["walltime"] % 60)
    if validate:
        _validate(path, data)
    return _build(path, data, Path(root).resolve() if root else path.resolve().parent)


def _validate(path: Path, data: Any) -> None:
    import jsonschema

    _no_leaderboard_secret(path, data)
    schema = _schema()
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=_error_sort_key)
    if errors:
        # Prefer the most specific error: the deepest among those at the first failing branch.
        best = jsonschema.exceptions.best_match(errors)
        chosen = best if best is not None else errors[0]
        raise ConfigError(f"{path}: {_format_error(chosen, schema)}")
    try:  # every kit checked against kits.Kit at start-up: a misspelled hook is an error, not ignored
        kits.registered()
    except kits.KitError as exc:
        raise ConfigError(f"the grader's kits: {exc}") from None
    for aid, a in data["assignments"].items():
        _validate_kit(path, aid, a, validator)
        _validate_modules(path, aid, a)


def _validate_modules(path: Path, aid: str, a: dict) -> None:
    """A student module named like the ``submission`` fixture's own methods (``new.py``) could not be
    reached as ``submission.<module>``: refused here rather than graded wrongly."""
    from grader.sandbox.backend import SUBMISSION_API

    for i, name in enumerate(a.get("files", [])):
        if Path(name).stem in SUBMISSION_API:
            raise ConfigError(f"{path}: assignments.{aid}.files[{i}]: {name!r} is named like the hidden tests' "
                              f"submission.{Path(name).stem}(...); rename the file (reserved: "
                              f"{', '.join(SUBMISSION_API)})")


def _validate_kit(path: Path, aid: str, a: dict, engine_validator: Any) -> None:
    """``kit`` names a registered kit; ``training`` (the kit's settings) is checked against the kit's
    ``SETTINGS_SCHEMA``, with the same one-line errors as the rest of the file."""
    from grader import kits

    name = a.get("kit")
    where = f"assignments.{aid}"
    if name is not None and name not in kits.KITS:
        near = difflib.get_close_matches(name, list(kits.KITS), n=1, cutoff=0.4)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        raise ConfigError(f"{path}: {where}.kit: expected one of {', '.join(kits.KITS)}, found {name!r}{hint}")
    if "training" not in a:
        return
    schema = kits.get(name).SETTINGS_SCHEMA if name else None
    if schema is None:
        raise ConfigError(f"{path}: {where}.training: only an assignment whose kit trains models has training "
                          f"settings (add 'kit: keras' to {where}, or remove training)")
    validator = type(engine_validator)(schema)
    errors = sorted(validator.iter_errors(a["training"]), key=_error_sort_key)
    if errors:
        import jsonschema

        best = jsonschema.exceptions.best_match(errors) or errors[0]
        best.path.extendleft(reversed(["assignments", aid, "training"]))  # the key path in the file
        raise ConfigError(f"{path}: {_format_error(best, dict(schema))}")


def _no_leaderboard_secret(path: Path, data: Any) -> None:
    """grading.yml reaches every student (GitHub Classroom's workflow checks it out), so the leaderboard's
    secret cannot live there: a ``leaderboard`` section is refused with where the secret goes instead."""
    if not isinstance(data, dict) or "leaderboard" not in data:
        return
    from grader.config import leaderboard_secret

    section = data["leaderboard"]
    where = "leaderboard.salt" if isinstance(section, dict) and "salt" in section else "leaderboard"
    keep = "; to keep the pseudonyms already shown, put this salt there" if where.endswith("salt") else ""
    raise ConfigError(f"{path}: {where}: the leaderboard secret cannot be in grading.yml, which every student's "
                      f"Classroom job checks out; remove the leaderboard section and keep the secret in "
                      f"{leaderboard_secret.where()} (made when the first board is drawn{keep})")


def _build(path: Path, data: dict, root: Path) -> Config:
    defaults = {**DEFAULTS, **(data.get("defaults") or {})}
    assignments: dict[str, AssignmentConfig] = {}
    for aid, a in data["assignments"].items():
        tests_dir = (root / a.get("tests_dir", f"tests/{aid}")).resolve()
        if not tests_dir.is_dir():
            raise ConfigError(f"{path}: assignments.{aid}.tests_dir: expected a folder of hidden tests, "
                              f"found nothing at {tests_dir}")
        assignments[aid] = AssignmentConfig(
            id=aid,
            title=Message(a["title"]["ko"], a["title"]["en"]),
            files=tuple(a["files"]),
            tests={k: float(v) for k, v in a["tests"].items()},
            tests_dir=tests_dir,
            call_timeout=float(a.get("call_timeout", defaults["call_timeout"])),
            time_limit=float(a.get("time_limit", defaults["time_limit"])),
            memory_mb=int(a.get("memory_mb", defaults["memory_mb"])),
            output_kb=int(a.get("output_kb", defaults["output_kb"])),
            disk_mb=int(a.get("disk_mb", defaults["disk_mb"])),
            params={k: float(v) for k, v in (a.get("params") or {}).items()},
            kit=a.get("kit"),
            training=_kit_settings(a),
            notebook_run_all=bool((a.get("notebook") or {}).get("run_all", False)),
            deadline=a.get("deadline"),  # text already (load() turned a YAML timestamp into text)
        )
    sandbox = data.get("sandbox") or {}
    uids = sandbox.get("uids") or {}
    return Config(path=path.resolve(), root=root, language=data.get("language", "ko"), assignments=assignments,
                  gradescope=GradescopeSettings(**(data.get("gradescope") or {})),  # keys: the schema's
                  roster=_roster(data.get("roster")),
                  late_policy=_late_policy(data.get("late_policy") or {}),
                  sandbox_namespaces=bool(sandbox.get("namespaces", True)),
                  sandbox_uids=(int(uids.get("first", 2_000_000_000)), int(uids.get("count", 1000))),
                  oracle_memory_mb=int(sandbox.get("oracle_memory_mb", 4096)),
                  similarity=_similarity(data.get("similarity") or {}, root),
                  cluster=_cluster(path, data.get("cluster") or {}, root))


def _roster(data: dict[str, Any] | None) -> RosterSettings | None:
    """``roster:`` (validated by the schema: ``file`` is there, the others are text)."""
    if not data:
        return None
    text = {k: str(v) for k, v in data.items()}
    return RosterSettings(file=text["file"], match=text.get("match"), student_id=text.get("student_id"),
                          name=text.get("name"), prefix=text.get("prefix", ""))


def _late_policy(data: dict[str, Any]) -> LatePolicy:
    """``late_policy:`` with its defaults (validated by the schema)."""
    if not data:
        return LatePolicy()
    return LatePolicy(configured=True, timezone=str(data.get("timezone", "Asia/Seoul")),
                      grace_minutes=float(data.get("grace_minutes", 0)),
                      penalty_per_day=float(data.get("penalty_per_day", 0)),
                      max_penalty=float(data.get("max_penalty", 100)), late=data.get("late", "accept"),
                      extensions=data.get("extensions"), times=data.get("times"))


def _cluster(path: Path, data: dict, root: Path) -> ClusterSettings:
    """``cluster:`` (validated by the schema). TLS paths may start with ``~``; a relative one is in the
    course folder, where a key is refused: grading.yml's folder is what every student's Classroom job
    checks out, and whoever holds the key can give the workers code to run."""
    tls = None
    if data.get("tls"):
        files = {k: (root / Path(str(v)).expanduser()).resolve() for k, v in data["tls"].items()}
        if files["key"].is_relative_to(root.resolve()):
            raise ConfigError(f"{path}: cluster.tls.key: expected a key outside the course folder (students' Classroom "
                              f"jobs check it out), found {files['key']}; keep it in e.g. ~/.config/dlgrader/")
        tls = TlsFiles(ca_file=files["ca_file"], cert=files["cert"], key=files["key"])
    s = data.get("slurm") or {}
    slurm = SlurmSettings(**{**s, "job_extra": tuple(s.get("job_extra", ()))})  # the schema's keys are the fields
    h = data.get("ssh") or {}
    ssh = SshSettings(**{**h, "hosts": tuple(h.get("hosts", ())), "gpu_hosts": tuple(h.get("gpu_hosts", ()))})
    if set(ssh.gpu_hosts) - set(ssh.hosts):
        raise ConfigError(f"{path}: cluster.ssh.gpu_hosts: expected hosts among cluster.ssh.hosts, found "
                          f"{', '.join(sorted(set(ssh.gpu_hosts) - set(ssh.hosts)))}")
    return ClusterSettings(tls=tls, slurm=slurm, ssh=ssh)


def _similarity(data: dict, root: Path) -> SimilaritySettings:
    """``similarity:`` with its defaults; folders resolved against the course folder (whether they exist
    is checked by ``grade similarity``, so grading never fails over a folder only it reads)."""
    defaults = SimilaritySettings()
    return SimilaritySettings(
        threshold=float(data.get("threshold", defaults.threshold)),
        min_tokens=int(data.get("min_tokens", defaults.min_tokens)),
        base=tuple((root / b).resolve() for b in data.get("base", [])),
        stubs=(root / data.get("stubs", "assignments")).resolve())


def _time_text(value: Any) -> str | None:
    """A deadline as text: YAML reads ``2026-09-21 23:59:00`` as a datetime (without a zone), which
    then means the course's time zone, like the same text in quotes."""
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _kit_settings(a: dict) -> dict[str, Any] | None:
    """The kit's settings (``training``) with its defaults filled in; a kit with settings gets its
    defaults even when grading.yml has no ``training`` section. None for an assignment without any."""
    defaults = kits.settings_defaults(a.get("kit"))
    if a.get("training") is None and not defaults:
        return None
    return {**defaults, **(a.get("training") or {})}


COURSE_ENV = "DLGRADER_COURSE"


def find(config_file: str | None = None, course: str | None = None, start: Path | None = None) -> Path:
    """The course's grading.yml, found the way pytest finds its rootdir: ``--config FILE``, else
    ``--course DIR``, else ``$DLGRADER_COURSE``, else the current folder and each folder above it,
    else the folder above the installed grader (a checkout installed with ``pip install -e``).
    The error says where it looked and what to pass."""
    if config_file:
        return Path(config_file)
    if course or os.environ.get(COURSE_ENV):
        folder = Path(course or os.environ[COURSE_ENV])
        if (folder / "grading.yml").is_file():
            return folder / "grading.yml"
        origin = "--course" if course else f"${COURSE_ENV}"
        raise ConfigError(f"{origin} {folder}: no grading.yml there (the course folder holds grading.yml, "
                          "tests/ and reference/)")
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "grading.yml").is_file():
            return folder / "grading.yml"
    beside = Path(__file__).resolve().parents[2]  # <checkout>/grader/config/__init__.py
    if (beside / "grading.yml").is_file():
        return beside / "grading.yml"
    raise ConfigError(f"no grading.yml found: looked in {here} and every folder above it, and beside the installed "
                      f"grader ({beside}); run grade inside the course folder (the one with grading.yml, tests/ "
                      f"and reference/), or pass --course DIR or --config FILE, or set ${COURSE_ENV}")


def select(config: Config, only: list[str] | None) -> list[AssignmentConfig]:
    """The assignments to grade, in config order; unknown ids get a nearest-match hint."""
    if not only:
        return list(config.assignments.values())
    out = []
    for aid in only:
        if aid not in config.assignments:
            near = difflib.get_close_matches(aid, list(config.assignments), n=1, cutoff=0.4)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise ConfigError(f"--assignment {aid}: no such assignment in {config.path.name} "
                              f"(known: {', '.join(config.assignments)}){hint}")
        out.append(config.assignments[aid])
    return out
