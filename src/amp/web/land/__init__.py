"""The Land's view over its Jobcenters and the target agreements (§ 48b SGB II)."""
