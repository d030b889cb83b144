"""Import of pairings from spreadsheets: read, check every row, then save all or nothing.

The demo content, the `import_pairings` command and the admin upload all go through here.
"""

from partners.pairing_import.applying import (
    IMPORT_LOG_ACTION,
    ImportResult,
    apply_plan,
    pairing_titles,
)
from partners.pairing_import.planning import (
    ImportPlan,
    PairingSpec,
    RowError,
    plan_import,
)
from partners.pairing_import.reading import (
    Record,
    SpreadsheetError,
    read_csv,
    read_spreadsheet,
    read_xlsx,
)

__all__ = [
    "IMPORT_LOG_ACTION",
    "ImportPlan",
    "ImportResult",
    "PairingSpec",
    "Record",
    "RowError",
    "SpreadsheetError",
    "apply_plan",
    "pairing_titles",
    "plan_import",
    "read_csv",
    "read_spreadsheet",
    "read_xlsx",
]
