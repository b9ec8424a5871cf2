"""Working as a team: merging projects, agreement, the report, review into gold."""
