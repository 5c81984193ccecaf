"""Training pipeline for Nexa Workbench's EI spectrum predictors (see ../README.md)."""
