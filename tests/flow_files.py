"""The files of flows/, loaded by path (flows/ is no package) once per test session."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

FLOWS = Path(__file__).resolve().parents[1] / "flows"


def load_flow_file(stem: str) -> ModuleType:
    """``flows/<stem>.py`` as the module ``wirehouse_flows_<stem>``."""
    name = f"wirehouse_flows_{stem}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, FLOWS / f"{stem}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
