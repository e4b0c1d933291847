"""Interview detection over provider-neutral calendar events (spec: detection.md)."""

from service.detection.detector import Detection, Owner, detect
from service.detection.stage import STAGES, Stage

__all__ = ["STAGES", "Detection", "Owner", "Stage", "detect"]
