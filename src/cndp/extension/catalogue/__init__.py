"""Reference data of industrial extension (danh mục): programmes and their yearly funds, activity types and
their funding caps, trades, priority areas, rubrics, the registration deadline rule — their screens
(`views`, `forms`, `tables`, `filtersets`). The models are in `cndp.extension.models.reference`, the data
loaded by the migrations in `cndp.extension.reference`."""
