from tintag.cli import main

raise SystemExit(main())
