-- The engine's history level becomes nrm-lean (id 19, org.nrm.workflow.LeanHistory; docs/adr/008): the engine checks
-- at start-up that the level it is configured with is the one its database records, so the record moves with the
-- configuration. A fresh database has no row yet: the engine writes it at its first start.
UPDATE act_ge_property SET value_ = '19' WHERE name_ = 'historyLevel';
