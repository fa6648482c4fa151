// 登录
export default {
  title: '登录',
  subtitle: '社区疫情防控工作人员使用',
  username: '用户名',
  password: '密码',
  usernamePlaceholder: '请输入用户名',
  passwordPlaceholder: '请输入密码',
  submit: '登录',
  sessionExpired: '登录已过期，请重新登录',
  signInFirst: '请先登录',
  loggedOut: '已退出登录',
  footer: '数据仅限社区防控工作使用，查看证件号码均记入审计日志',
}
