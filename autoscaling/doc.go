// Package autoscaling models ECS cluster auto scaling: the binpack-based
// capacity estimator, the CapacityProviderReservation metric, the CloudWatch
// alarms and target tracking policy, and the Auto Scaling group
// (docs/model.md §1–4). Its pieces are pure functions and small stateful
// controllers that take time and metrics as arguments and return actions;
// sim/world turns the actions into events.
//
// autoscaling may use placement's fit checks (the estimator packs with the
// same rules the scheduler places with) and depends on sim/cluster and sim.
package autoscaling
