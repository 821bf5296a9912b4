"""grading.yml errors name the file, the key path, what was expected and found, and the nearest key."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from grader import config
from grader.run import engine

ROOT = Path(__file__).resolve().parent.parent


def _write(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    mutate(data)
    p = tmp_path / "grading.yml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


def _error(tmp_path: Path, mutate) -> str:
    with pytest.raises(config.ConfigError) as info:
        config.load(_write(tmp_path, mutate), root=ROOT)
    text = str(info.value)
    assert "\n" not in text
    return text


def test_course_config_is_valid():
    cfg = config.load(ROOT / "grading.yml")
    assert set(cfg.assignments) >= {"a01_perceptron", "a02_activations"}
    engine.check_points(cfg, list(cfg.assignments.values()))


def test_misspelled_key_suggests_nearest(tmp_path):
    def mutate(d):
        d["assignments"]["a01_perceptron"]["time_limt"] = 5
    text = _error(tmp_path, mutate)
    assert "grading.yml: assignments.a01_perceptron: unknown key 'time_limt'" in text
    assert "did you mean 'time_limit'?" in text


def test_wrong_type_says_expected_and_found(tmp_path):
    def mutate(d):
        d["defaults"]["call_timeout"] = "fast"
    text = _error(tmp_path, mutate)
    assert "defaults.call_timeout: expected number, found a string 'fast'" in text


def test_bad_language_suggests(tmp_path):
    def mutate(d):
        d["language"] = "kr"
    text = _error(tmp_path, mutate)
    assert "language: expected one of ko, en, found a string 'kr'" in text
    assert "did you mean 'ko'?" in text


def test_negative_points(tmp_path):
    def mutate(d):
        d["assignments"]["a02_activations"]["tests"]["test_softmax_3d_last_axis"] = -1
    assert "assignments.a02_activations.tests.test_softmax_3d_last_axis: expected a number >= 0, found an integer -1" \
        in _error(tmp_path, mutate)


def test_missing_required_key(tmp_path):
    def mutate(d):
        del d["assignments"]["a01_perceptron"]["files"]
    assert "assignments.a01_perceptron: 'files' is missing (required)" in _error(tmp_path, mutate)


def test_invalid_yaml_names_line(tmp_path):
    p = tmp_path / "grading.yml"
    p.write_text("version: 1\nassignments: [unclosed\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"grading.yml: invalid YAML at line \d+"):
        config.load(p)


def test_points_for_unknown_test_suggests_nearest(tmp_path):
    def mutate(d):
        tests = d["assignments"]["a02_activations"]["tests"]
        tests["test_softmax_large_input"] = tests.pop("test_softmax_large_inputs")
    cfg = config.load(_write(tmp_path, mutate), root=ROOT)
    with pytest.raises(config.ConfigError) as info:
        engine.check_points(cfg, list(cfg.assignments.values()))
    text = str(info.value)
    assert "no points for hidden test 'test_softmax_large_inputs'" in text or \
        "tests.test_softmax_large_input: no hidden test has this name; did you mean " \
        "'test_softmax_large_inputs'?" in text


def test_unknown_assignment_option_suggests():
    cfg = config.load(ROOT / "grading.yml")
    with pytest.raises(config.ConfigError, match="did you mean 'a02_activations'"):
        config.select(cfg, ["a02_activation"])


def test_a_student_module_named_like_the_submission_api_is_refused(tmp_path):
    """submission.seed is the fixture's method: a seed.py could not be reached through it."""
    def mutate(d):
        d["assignments"]["a01_perceptron"]["files"] = ["seed.py"]
    text = _error(tmp_path, mutate)
    assert "assignments.a01_perceptron.files[0]: 'seed.py' is named like the hidden tests' submission.seed" in text


def test_the_cluster_section_is_read_with_its_defaults(tmp_path):
    def mutate(d):
        d["cluster"] = {"slurm": {"partition": "gpu", "jobs": 4, "gpus_per_job": 1, "job_extra": ["--qos=normal"]},
                        "tls": {"ca_file": "~/.config/dlgrader/ca.pem", "cert": str(tmp_path / "c.pem"),
                                "key": str(tmp_path / "k.pem")}}
    cluster = config.load(_write(tmp_path, mutate), root=ROOT).cluster
    assert cluster.slurm == config.SlurmSettings(partition="gpu", jobs=4, gpus_per_job=1, job_extra=("--qos=normal",))
    assert cluster.tls is not None and cluster.tls.ca_file == Path.home() / ".config" / "dlgrader" / "ca.pem"
    assert config.load(ROOT / "grading.yml").cluster == config.ClusterSettings()


def test_a_slurm_walltime_yaml_reads_as_a_number_is_a_walltime_again(tmp_path):
    p = tmp_path / "grading.yml"
    p.write_text((ROOT / "grading.yml").read_text(encoding="utf-8") + "\ncluster:\n  slurm:\n    walltime: 1:30:00\n",
                 encoding="utf-8")
    assert config.load(p, root=ROOT).cluster.slurm.walltime == "1:30:00"


def test_a_cluster_key_inside_the_course_folder_is_refused(tmp_path):
    def mutate(d):
        d["cluster"] = {"tls": {"ca_file": "ca.pem", "cert": "cert.pem", "key": "keys/grader.key"}}
    text = _error(tmp_path, mutate)
    assert "cluster.tls.key: expected a key outside the course folder" in text
    assert f"found {ROOT / 'keys' / 'grader.key'}" in text


def test_a_misspelled_slurm_key_suggests_nearest(tmp_path):
    def mutate(d):
        d["cluster"] = {"slurm": {"gpus": 1}}
    text = _error(tmp_path, mutate)
    assert "cluster.slurm: unknown key 'gpus'" in text and "did you mean 'gpus_per_job'?" in text


def test_ssh_gpu_hosts_must_be_among_the_hosts(tmp_path):
    def mutate(d):
        d["cluster"] = {"ssh": {"hosts": ["lab1"], "gpu_hosts": ["lab2"]}}
    text = _error(tmp_path, mutate)
    assert "cluster.ssh.gpu_hosts: expected hosts among cluster.ssh.hosts, found lab2" in text
