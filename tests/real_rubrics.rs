//! Three real rubrics, encoded whole from their public sources, scored as
//! worked by hand (see `examples/` and each test).
