"""`python -m cndp …` runs the `cndp` console script."""

from cndp.cli import main

raise SystemExit(main())
