"""Scenario Playbook: worked scenarios in YAML, validated and published with MkDocs."""

__version__ = "0.1.0"
