"""Interview detection over provider-neutral calendar events (spec: detection.md)."""

from service.detection.detector import Detection, detect
from service.detection.owner import Owner
from service.detection.side import CompanySide, company_side
from service.detection.stage import STAGES, Stage

__all__ = ["STAGES", "CompanySide", "Detection", "Owner", "Stage", "company_side", "detect"]
